from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sakip.evaluation import policies
from sakip.evaluation.models import Evaluation, FollowUpEvidence, Recommendation

from ..fields import StrictMixin


class EvaluationSerializer(serializers.ModelSerializer):
    """An evaluation of an OPD's SAKIP (LKE). The score and predikat appear once the evaluator sent them."""

    opd_akronim = serializers.CharField(source="opd.akronim", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    template_name = serializers.CharField(source="template.name", read_only=True)
    total_score = serializers.SerializerMethodField()
    predikat = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "opd",
            "opd_akronim",
            "year",
            "template",
            "template_name",
            "state",
            "state_label",
            "team",
            "submitted_at",
            "sent_at",
            "finalized_at",
            "lhe_number",
            "lhe_date",
            "lhe_document",
            "total_score",
            "predikat",
        ]
        read_only_fields = fields

    def _visible(self, obj):
        request = self.context.get("request")
        return request is not None and policies.can_see_evaluator_side(request.user, obj)

    @extend_schema_field(serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True))
    def get_total_score(self, obj):
        return None if obj.total_score is None or not self._visible(obj) else f"{obj.total_score:.2f}"

    def get_predikat(self, obj) -> str:
        return obj.predikat if self._visible(obj) else ""


class ScoreSerializer(serializers.Serializer):
    total = serializers.DecimalField(max_digits=6, decimal_places=2)
    predikat = serializers.CharField()
    components = serializers.DictField(child=serializers.DecimalField(max_digits=6, decimal_places=2))
    subcomponents = serializers.DictField(child=serializers.DecimalField(max_digits=6, decimal_places=2))


class FollowUpEvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUpEvidence
        fields = ["id", "label", "url", "description", "created_at"]
        read_only_fields = fields


class RecommendationSerializer(serializers.ModelSerializer):
    evaluation = serializers.IntegerField(source="finding.evaluation_id", read_only=True)
    opd = serializers.IntegerField(source="finding.evaluation.opd_id", read_only=True)
    year = serializers.IntegerField(source="finding.evaluation.year", read_only=True)
    finding_letter = serializers.CharField(source="finding.letter", read_only=True)
    finding_title = serializers.CharField(source="finding.title", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    pic_name = serializers.SerializerMethodField()
    evidence = FollowUpEvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "evaluation",
            "opd",
            "year",
            "finding",
            "finding_letter",
            "finding_title",
            "number",
            "text",
            "subject",
            "state",
            "state_label",
            "due_date",
            "pic",
            "pic_name",
            "action_plan",
            "progress_note",
            "not_possible_reason",
            "verification_note",
            "verified_at",
            "evidence",
        ]
        read_only_fields = fields

    def get_pic_name(self, obj) -> str:
        return obj.pic.name if obj.pic_id else ""


class FindingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    letter = serializers.CharField()
    title = serializers.CharField()
    kondisi = serializers.CharField()
    kriteria = serializers.CharField(source="norm")
    sebab = serializers.CharField()
    akibat = serializers.CharField()
    priority = serializers.CharField()
    recommendations = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_recommendations(self, obj):
        return [
            {"id": r.id, "number": r.number, "text": r.text, "state": r.state, "due_date": r.due_date}
            for r in obj.recommendations.all()
        ]


class PlanSerializer(StrictMixin, serializers.Serializer):
    action_plan = serializers.CharField(max_length=4000)
    pic = serializers.IntegerField(required=False, allow_null=True, help_text="Position (jabatan) id of the OPD.")
    due_date = serializers.DateField(required=False, allow_null=True)


class NoteSerializer(StrictMixin, serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")


class EvidenceLinkSerializer(StrictMixin, serializers.Serializer):
    url = serializers.CharField(max_length=500, help_text="http(s)://… or a sakip page path (/…).")
    label = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class VerifySerializer(StrictMixin, serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["selesai", "sebagian", "kembali"])
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")


class NotPossibleSerializer(StrictMixin, serializers.Serializer):
    reason = serializers.CharField(max_length=4000)
