"""A database worth backing up, built through the actions: the demo (BKPSDM, its users),
a second OPD, realisasi, triwulan reports in every status, evidence, a Word template, a
group with a permission, an admin log entry and stray files under MEDIA_ROOT; and a
kegiatan moved under a program created after it (a child whose id is below its parent's).

Run in a process of its own on the database of DATABASE_URL:
`python -m kinerja.backup.tests.dataset`.
"""

import os
from decimal import Decimal
from pathlib import Path

import django


def build() -> None:
    from django.conf import settings
    from django.contrib.admin.models import ADDITION, LogEntry
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kinerja.accounts.models import PerangkatDaerah, User
    from kinerja.demo import load_demo
    from kinerja.documents.actions import save_word_template
    from kinerja.monitoring.actions import add_bukti, save_laporan, save_realisasi_kinerja
    from kinerja.monitoring.workflow import approve_report, return_report, submit_report
    from kinerja.renja.models import Indikator, Renja, RenjaItem
    from kinerja.testing import build_renja, build_renstra, synthetic_programs

    result, _users = load_demo()
    opd = result.perangkat_daerah
    assert opd is not None
    admin, verifier = User.objects.get(username="admin"), User.objects.get(username="verifikator")
    renja = Renja.objects.filter(perangkat_daerah=opd).order_by("year").first()
    assert renja is not None
    indikator = Indikator.objects.filter(item__renja=renja).order_by("pk").first()
    assert indikator is not None
    current = indikator.realisasi.filter(triwulan=1).first()
    save_realisasi_kinerja(
        indikator,
        1,
        Decimal("10.3"),
        acting_user=admin,
        expected_revision=current.revision if current else None,
    )
    laporan = renja.laporan.filter(triwulan=1).first()
    save_laporan(
        renja,
        1,
        acting_user=admin,
        expected_revision=laporan.revision if laporan else None,
        faktor_pendorong="Kerja sama lintas bidang — “baik” ✓",
    )
    add_bukti(
        renja,
        1,
        SimpleUploadedFile("Bukti TW I.pdf", b"%PDF-1.4 bukti triwulan I\n%%EOF\n"),
        acting_user=admin,
        content_type="application/pdf",
        description="Laporan kegiatan",
    )
    submit_report(renja, 1, acting_user=admin)
    approve_report(renja, 1, acting_user=verifier)
    submit_report(renja, 2, acting_user=admin)
    return_report(renja, 2, acting_user=verifier, note="Lengkapi bukti triwulan II.")
    submit_report(renja, 3, acting_user=admin)
    template = settings.BASE_DIR / "docs" / "templates" / "template-pemda-contoh.docx"
    save_word_template(
        opd.pemda, acting_user=admin, filename=template.name, data=template.read_bytes()
    )

    other = PerangkatDaerah.objects.create(pemda=opd.pemda, code="DINKES", name="Dinas Kesehatan")
    renja_b = build_renja(build_renstra(other), programs=synthetic_programs(2, 2, 2))
    moved = renja_b.items.filter(level="kegiatan").order_by("pk").first()
    assert moved is not None
    later = RenjaItem.objects.create(
        renja=renja_b, level="program", code="9.09", name="Program baru", order=99
    )
    RenjaItem.objects.filter(pk=moved.pk).update(parent=later)

    group = Group.objects.create(name="Pemeriksa internal")
    group.permissions.add(Permission.objects.get(codename="view_renja"))
    verifier.groups.add(group)
    verifier.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    LogEntry.objects.create(
        user=admin,
        content_type=ContentType.objects.get_for_model(PerangkatDaerah),
        object_id=str(other.pk),
        object_repr=str(other),
        action_flag=ADDITION,
        change_message="Ditambahkan lewat admin",
    )
    stray = Path(settings.MEDIA_ROOT) / "impor" / "unggahan-menunggu"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(bytes(range(256)) * 64)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    build()
