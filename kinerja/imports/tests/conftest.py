"""A small plan file used by the import/export tests, written as the planner would."""

import pytest

SMALL_PLAN = """\
format: kinerja-plan
version: 1
pemda: {name: Kabupaten Contoh, capital: Kota Contoh}
perangkat_daerah:
  code: DINAS-A
  name: Dinas Contoh
  bidang_urusan: ["5.03"]
  kepala: {name: Budi, pangkat: Pembina, nip: "196310171990031005"}
nomenclature:
  edition: {code: "900.1.15.5-1317/2023", sub_kegiatan_digits: 4}
  urusan: [{code: "5", name: Unsur Penunjang}]
  bidang_urusan: [{code: "5.03", name: Kepegawaian}]
  program: [{code: "5.03.02", name: Program Kepegawaian Daerah}]
  kegiatan: [{code: "5.03.02.2.02", name: Mutasi dan Promosi ASN}]
  sub_kegiatan:
    - {code: "5.03.02.2.02.0001", name: Pengelolaan Mutasi ASN, satuan: Dokumen}
renstra:
  first_year: 2021
  last_year: 2026
  tujuan:
    - name: ASN profesional
      indikator:
        - key: sakip
          name: Nilai SAKIP
          jenis: kualitatif
          polaritas: positif
          sifat: non_kumulatif
          scale: [D, C, CC, B, BB, A]
          kondisi_akhir: A
          targets: {2021: B, 2022: BB}
          realisasi: {2021: CC}
      sasaran:
        - name: Kinerja ASN meningkat
          indikator:
            - key: ip-asn
              name: Indeks Profesionalitas ASN
              satuan: Indeks
              jenis: indeks
              polaritas: positif
              sifat: non_kumulatif
              decimals: 1
              kondisi_akhir: 77
              targets: {2021: 65, 2024: 73.5}
              realisasi: {2021: 48.9, 2022: {note: "tercetak 6I"}}
  items:
    - level: program
      code: "5.03.02"
      name: PROGRAM KEPEGAWAIAN DAERAH
      indikator:
        - {name: Tingkat pelanggaran, satuan: "%", jenis: persentase, polaritas: negatif,
           sifat: non_kumulatif, decimals: 1, allows_negative: true, targets: {2022: 25},
           realisasi: {2022: -12.5}}
      children:
        - level: kegiatan
          name: Mutasi dan Promosi ASN
          children:
            - level: sub_kegiatan
              name: Pengelolaan Mutasi ASN
              pagu: {2024: 1000000}
renja:
  - year: 2024
    stage: final
    version: 1
    items:
      - level: program
        code: "5.03.02"
        name: PROGRAM KEPEGAWAIAN DAERAH
        indikator:
          - {name: Indeks Profesionalitas ASN, satuan: Indeks, jenis: indeks, polaritas: positif,
             sifat: non_kumulatif, decimals: 2, renstra_indikator: ip-asn, target: 73,
             target_n1: 75, realisasi: {1: 70.1, 2: 71.25}}
        children:
          - level: kegiatan
            code: "5.03.02.2.02"
            name: Mutasi dan Promosi ASN
            children:
              - level: sub_kegiatan
                code: "5.03.02.2.02.0001"
                name: Pengelolaan Mutasi ASN
                lokasi: BKPSDM
                sumber_dana: APBD
                pagu: 299984275
                pagu_n1: 344981916.50
                realisasi_anggaran: {1: 50000000, 2: 75000000}
                indikator:
                  - {name: Jumlah dokumen mutasi, satuan: Dokumen, jenis: jumlah,
                     polaritas: positif, sifat: kumulatif, target: 5, target_n1: 6,
                     realisasi: {1: 1, 2: 2}}
              - level: sub_kegiatan
                name: Pengelolaan Promosi ASN
                pagu: 135418345
                indikator:
                  - {name: Jumlah dokumen promosi, satuan: Dokumen, jenis: jumlah,
                     polaritas: positif, sifat: kumulatif, target: 20}
    narasi:
      kata_pengantar: |-
        Puji syukur, Rencana Kerja Dinas Contoh Tahun 2024 telah selesai disusun.

        Kritik dan saran sangat kami harapkan.
      landasan_hukum: |-
        Landasan hukum penyusunan Renja ini:

        1. Undang-Undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional;
        2. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah.
      isu_penting: |-
        a. Kompetensi ASN belum merata
        b. Disiplin ASN masih rendah
      sistematika: |-
        - BAB I Pendahuluan
        - BAB V Penutup
      penutup: Renja ini menjadi pedoman kerja Dinas Contoh tahun 2024.
      tempat: Kota Contoh
      tanggal: 2023-09-01
      cetak_hari: false
    laporan_triwulan:
      - {triwulan: 1, is_example: true, faktor_pendorong: Dukungan pimpinan}
      - {triwulan: 2, faktor_penghambat: Anggaran terlambat}
"""


@pytest.fixture
def small_plan() -> str:
    return SMALL_PLAN
