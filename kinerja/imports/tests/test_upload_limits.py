"""The upload page under hostile files: a message on the page, never a 500; an oversized
body is refused with 413 before any of it is read."""

import pytest

from kinerja.imports.tests import bombs
from kinerja.imports.tests.test_upload import operator, upload  # noqa: F401 - fixture
from kinerja.lib.limits import MAX_REQUEST_BYTES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "build", "shown"),
    [
        ("rusak.xlsx", bombs.shared_string_out_of_range, "lembar «Renja», baris 2, sel A2"),
        ("rusak.xlsx", bombs.malformed_sheet_xml, "lembar «Renja», baris 3, sel A3"),
        ("bom.xlsx", bombs.zip_bomb_xlsx, "bom zip"),
        ("tawa.yaml", lambda: bombs.BILLION_LAUGHS.encode(), "500.000 nilai"),
        ("jauh.xlsx", bombs.far_cell_xlsx, "lembar «Renja»"),
    ],
)
def test_a_hostile_or_corrupt_file_shows_its_message(client, operator, name, build, shown):  # noqa: F811
    response = upload(client, name, build())

    page = response.content.decode()
    assert response.status_code == 200
    assert shown in page
    assert name in page
    assert "Traceback" not in page


class Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args: object) -> bytes:
        raise AssertionError("the body was read")

    readline = read


def test_an_oversized_body_is_refused_with_413_unread(client, operator):  # noqa: F811
    response = client.generic(
        "POST",
        "/impor/",
        CONTENT_LENGTH=str(MAX_REQUEST_BYTES + 1),
        CONTENT_TYPE="multipart/form-data; boundary=x",
        **{"wsgi.input": Unreadable()},
    )

    assert response.status_code == 413
    assert "Berkas terlalu besar" in response.content.decode()
    assert "20 MB" in response.content.decode()


@pytest.mark.parametrize("path", ["/impor/", "/admin/login/"])
def test_every_endpoint_has_the_same_body_cap(client, path):
    response = client.generic(
        "POST", path, CONTENT_LENGTH=str(MAX_REQUEST_BYTES + 1), **{"wsgi.input": Unreadable()}
    )

    assert response.status_code == 413
