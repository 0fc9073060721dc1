"""The admin of nomenclature editions and their five levels loads for a superuser."""

import pytest
from django.urls import reverse

from kinerja.nomenclature.models import (
    BidangUrusan,
    Edition,
    Kegiatan,
    Program,
    SubKegiatan,
    Urusan,
)


@pytest.fixture
def edition(db):
    edition = Edition.objects.create(code="900.1.15.5-1317/2023")
    urusan = Urusan.objects.create(edition=edition, code="5", name="Unsur Penunjang")
    bidang = BidangUrusan.objects.create(
        edition=edition, urusan=urusan, code="5.03", name="Kepegawaian"
    )
    program = Program.objects.create(
        edition=edition, bidang_urusan=bidang, code="5.03.02", name="Program Kepegawaian Daerah"
    )
    kegiatan = Kegiatan.objects.create(
        edition=edition, program=program, code="5.03.02.2.02", name="Mutasi dan Promosi ASN"
    )
    SubKegiatan.objects.create(
        edition=edition, kegiatan=kegiatan, code="5.03.02.2.02.0001", name="Pengelolaan Mutasi ASN"
    )
    return edition


@pytest.mark.parametrize("model", [Edition, Urusan, BidangUrusan, Program, Kegiatan, SubKegiatan])
def test_changelist_and_change_page_load(client, superuser, edition, model):
    client.force_login(superuser)
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = client.get(changelist)
    assert response.status_code == 200
    change = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[model.objects.first().pk]
    )
    assert client.get(change).status_code == 200
