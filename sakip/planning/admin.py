"""Admin for Pemda-level reference data of planning (RPJMD, IKU Pemda, predicate scales, nomenclature).
OPD data is edited through the planning screens, which apply the scoped permissions."""

from django.contrib import admin

from .models import Nomenclature, PemdaIku, PredicateLevel, PredicateScale, Rpjmd, RpjmdGoal


class RpjmdGoalInline(admin.TabularInline):
    model = RpjmdGoal
    extra = 0


@admin.register(Rpjmd)
class RpjmdAdmin(admin.ModelAdmin):
    list_display = ["name", "pemda", "start_year", "end_year"]
    inlines = [RpjmdGoalInline]


class PemdaIkuInline(admin.TabularInline):
    model = PemdaIku
    extra = 0


@admin.register(RpjmdGoal)
class RpjmdGoalAdmin(admin.ModelAdmin):
    list_display = ["code", "statement", "kind", "rpjmd"]
    list_filter = ["rpjmd", "kind"]
    inlines = [PemdaIkuInline]


class PredicateLevelInline(admin.TabularInline):
    model = PredicateLevel
    extra = 0


@admin.register(PredicateScale)
class PredicateScaleAdmin(admin.ModelAdmin):
    list_display = ["name", "pemda"]
    inlines = [PredicateLevelInline]


@admin.register(Nomenclature)
class NomenclatureAdmin(admin.ModelAdmin):
    list_display = ["code", "level", "name"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
