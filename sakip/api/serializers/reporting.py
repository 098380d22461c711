from rest_framework import serializers

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
