"""The admin of quarterly realisasi, triwulan reports and evidence loads for a superuser."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from kinerja.monitoring.models import Bukti, LaporanTriwulan, RealisasiAnggaran, RealisasiKinerja


@pytest.fixture
def reported(renja_a, superuser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sub = renja_a.items.get(code="5.03.02.2.01.0003")
    RealisasiKinerja.objects.create(indikator=sub.indikator.get(), triwulan=1, value=Decimal(2))
    RealisasiAnggaran.objects.create(item=sub, triwulan=1, amount=Decimal("10000000"))
    laporan = LaporanTriwulan.objects.create(renja=renja_a, triwulan=1, is_example=True)
    bukti = Bukti(laporan=laporan, description="Daftar hadir", uploaded_by=superuser)
    bukti.file.save("daftar-hadir.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return renja_a


@pytest.mark.parametrize("model", [RealisasiKinerja, RealisasiAnggaran, LaporanTriwulan, Bukti])
def test_changelist_and_change_page_load(client, superuser, reported, model):
    client.force_login(superuser)
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert client.get(changelist).status_code == 200
    change = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[model.objects.first().pk]
    )
    assert client.get(change).status_code == 200
