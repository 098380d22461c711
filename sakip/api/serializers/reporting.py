from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sakip.reporting.lkjip import bab3_rows

from .measurement import CapaianSerializer


class DpkLineSerializer(serializers.Serializer):
    realisasi = serializers.IntegerField(help_text="Realisasi row id (GET /api/v1/measurement/realisasi/{id}/).")
    code = serializers.CharField()
    name = serializers.CharField()
    satuan = serializers.CharField()
    unit = serializers.CharField()
    capaian = CapaianSerializer()


class DpkGroupSerializer(serializers.Serializer):
    title = serializers.CharField(help_text="The sasaran/program result (code and statement).")
    level = serializers.IntegerField()
    unit = serializers.CharField()
    average = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    category = serializers.CharField(allow_null=True)
    pagu = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    realisasi_anggaran = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    serapan = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    efisiensi = serializers.CharField(
        allow_null=True, help_text="Efisien / Cukup efisien / Tidak efisien; null when not judged."
    )
    anggaran_kas = serializers.DecimalField(
        max_digits=20, decimal_places=2, allow_null=True, help_text="Anggaran kas s.d. the quarter (TW I–III)."
    )
    efisiensi_status = serializers.CharField(
        allow_null=True, help_text="dinilai / belum_dapat_dinilai / tidak_dapat_dinilai (docs/rules.md §1)."
    )
    efisiensi_keterangan = serializers.CharField(allow_null=True, help_text="Why, or how it was judged.")
    lines = DpkLineSerializer(many=True)


class DpkBudgetSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.CharField()
    pagu = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    realisasi_period = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    realisasi = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    serapan = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    capaian = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    efisiensi = serializers.CharField(
        allow_null=True, help_text="Efisien / Cukup efisien / Tidak efisien; null when not judged."
    )
    anggaran_kas = serializers.DecimalField(
        max_digits=20, decimal_places=2, allow_null=True, help_text="Anggaran kas s.d. the quarter (TW I–III)."
    )
    efisiensi_status = serializers.CharField(
        allow_null=True, help_text="dinilai / belum_dapat_dinilai / tidak_dapat_dinilai (docs/rules.md §1)."
    )
    efisiensi_keterangan = serializers.CharField(allow_null=True, help_text="Why, or how it was judged.")


class DpkSerializer(serializers.Serializer):
    """Dokumen Pengukuran Kinerja of a period: figures from the measurement selectors and the engine."""

    period = serializers.IntegerField()
    opd = serializers.IntegerField()
    year = serializers.IntegerField()
    triwulan = serializers.IntegerField()
    signed_document = serializers.IntegerField(allow_null=True, help_text="Archived DPK once issued.")
    strategic = DpkGroupSerializer(many=True, help_text="Tujuan and sasaran strategis.")
    programs = DpkGroupSerializer(many=True, help_text="Sasaran program/kegiatan of the units.")
    budget = DpkBudgetSerializer(many=True)


class LkjipBab3RowSerializer(serializers.Serializer):
    """One row of Bab III A (capaian kinerja organisasi), computed from the locked measurement (docs/capaian.md);
    numbers as decimal strings, null where not applicable."""

    sasaran = serializers.CharField()
    indicator = serializers.CharField()
    code = serializers.CharField(allow_blank=True)
    satuan = serializers.CharField(allow_blank=True)
    target = serializers.CharField(allow_null=True)
    target_text = serializers.CharField(allow_null=True, allow_blank=True)
    realisasi = serializers.CharField(allow_null=True)
    capaian = serializers.CharField(allow_null=True)
    category = serializers.CharField(allow_null=True, allow_blank=True)
    prev_year = serializers.IntegerField(allow_null=True)
    prev_realisasi = serializers.CharField(allow_null=True)
    renstra_year = serializers.IntegerField(allow_null=True)
    renstra_target = serializers.CharField(allow_null=True)
    renstra_capaian = serializers.CharField(allow_null=True)
    standard = serializers.CharField(allow_null=True, allow_blank=True)
    standard_capaian = serializers.CharField(allow_null=True)


class LkjipVersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    compiled_at = serializers.DateTimeField()
    reason = serializers.CharField(allow_blank=True)


class LkjipSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    opd = serializers.IntegerField(source="opd_id")
    opd_name = serializers.CharField(source="opd.name")
    year = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    version = serializers.IntegerField(source="current.number", allow_null=True, default=None)
    document = serializers.IntegerField(
        source="document_id", allow_null=True, help_text="The signed LKjIP in the archive (documents/archive/{id}/)."
    )
    document_number = serializers.CharField(source="document.number", allow_null=True, default=None)
    reviewed_document = serializers.IntegerField(
        source="reviewed_document_id", allow_null=True, help_text="The Pernyataan Telah Direviu in the archive."
    )


class LkjipDetailSerializer(LkjipSerializer):
    versions = LkjipVersionSerializer(many=True, source="versions.all")
    bab3 = serializers.SerializerMethodField()

    @extend_schema_field(LkjipBab3RowSerializer(many=True))
    def get_bab3(self, lkjip):
        if lkjip.current_id is None:
            return []
        return LkjipBab3RowSerializer(bab3_rows(lkjip.current.data), many=True).data
