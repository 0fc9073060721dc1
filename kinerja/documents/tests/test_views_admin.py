"""The admin lists the pemda's Word templates and the batch exports, read-only."""

import pytest
from django.urls import reverse

from kinerja.documents.models import BatchExport, WordTemplate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [WordTemplate, BatchExport])
def test_changelist_and_change_page_load_without_adding(client, superuser, pemda, model):
    WordTemplate.objects.create(pemda=pemda, filename="kop.docx", data=b"PK")
    BatchExport.objects.create(pemda=pemda, year=2024, what="e81", fmt="pdf", data=b"PK")
    client.force_login(superuser)
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert client.get(changelist).status_code == 200
    change = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[model.objects.get().pk]
    )
    assert client.get(change).status_code == 200
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    assert client.get(add).status_code == 403
