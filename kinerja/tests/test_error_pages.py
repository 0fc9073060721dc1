"""A refused change says why, in Bahasa Indonesia, on the site's own page."""

import pytest
from django.test import Client, override_settings
from django.urls import include, path

from kinerja.renja.workflow import Locked


def locked(request):
    raise Locked("Renja ini sudah disetujui dan terkunci.")


urlpatterns = [path("terkunci/", locked), path("", include("kinerja.urls"))]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_locked_object_gets_the_403_page_with_its_reason():
    response = Client().get("/terkunci/")
    assert response.status_code == 403
    text = response.content.decode()
    assert "Perubahan tidak diizinkan" in text
    assert "Renja ini sudah disetujui dan terkunci." in text
