"""Flag caps: a sentence carrying a flag of a kind that marks garbles keeps at most the quality
chosen for its severity, so a garbled sentence lands below its clean twin; the kinds and the caps
are learned on garbled/clean pairs, at a bounded cost in agreement with people."""

from __future__ import annotations

import random

import pytest

from mtqa.calibration import Calibration, combination_features
from mtqa.evaluate import calibrate as fitting
from mtqa.evaluate.dataset import EvalRow
from mtqa.types import Flag


def _flag(check: str, severity: str, confidence: float = 0.6, category: str = "c") -> Flag:
    return Flag(
        start=0,
        end=1,
        text="x",
        category=category,
        severity=severity,  # type: ignore[arg-type]
        confidence=confidence,
        message="m",
        check=check,
    )


def _capped_model() -> dict:
    return {
        "bias": 1.5,  # quality 81.8 without flags
        "weights": {"qe": 0.5, "flags.minor": -0.1, "flags.major": -0.5},
        "centre": {"qe": 0.0, "flags.minor": 0.0, "flags.major": 0.0},
        "scale": {"qe": 1.0, "flags.minor": 1.0, "flags.major": 1.0},
        "impute": {"qe": 0.0, "flags.minor": 0.0, "flags.major": 0.0},
        "flag_caps": {
            "cap": {"minor": 65.0, "major": 50.0},
            "flags": ["adequacy:major", "adequacy:minor", "source:minor"],
        },
    }


@pytest.mark.parametrize(
    ("flags", "at_most", "at_least"),
    [
        ([], 100.0, 81.0),  # no flag: the logit alone
        ([_flag("qe", "minor")], 100.0, 80.0),  # a kind that does not mark garbles: no cap
        ([_flag("source", "minor")], 65.0, 65.0),  # capped at the minor cap
        ([_flag("adequacy", "major")], 50.0, 50.0),
        ([_flag("source", "minor"), _flag("adequacy", "major")], 50.0, 50.0),  # the lowest cap
        ([_flag("rules", "major")], 80.0, 60.0),  # a major kind not listed: only the floor
    ],
)
def test_a_flag_of_a_listed_kind_caps_the_sentence(flags, at_most, at_least) -> None:
    cal = Calibration(data={"combine": {"default": _capped_model()}}, digest="", label="")
    q = cal.score({"qe": 0.0}, flags, "mt+src")
    assert at_least <= q <= at_most


def test_a_cap_never_raises_a_sentence_already_below_it() -> None:
    cal = Calibration(data={"combine": {"default": _capped_model()}}, digest="", label="")
    low = cal.score({"qe": -8.0}, [_flag("source", "minor")], "mt+src")
    assert low == pytest.approx(cal.score({"qe": -8.0}, [_flag("qe", "minor")], "mt+src"))
    assert low < 10


def test_fast_scoring_applies_the_caps_as_the_checker_does() -> None:
    model = _capped_model()
    cal = Calibration(data={"combine": {"default": model}}, digest="", label="")
    cases = [
        ({"qe": 1.0}, []),
        ({"qe": 1.0}, [_flag("source", "minor")]),
        ({"qe": -1.0}, [_flag("adequacy", "major"), _flag("qe", "minor")]),
        ({}, [_flag("rules", "critical")]),
    ]
    feats = [combination_features(s, f) for s, f in cases]
    assert fitting._quality(model, feats, "mt") == pytest.approx(
        [cal.score(s, f, "mt") for s, f in cases]
    )


def _pairs(kinds: dict[str, tuple[int, int]], n: int = 200) -> fitting.PairFeatures:
    """n pairs; ``kinds`` maps a flag kind to how many garbled and clean translations carry it."""
    garbled = [{"qe": 0.0} for _ in range(n)]
    clean = [{"qe": 0.0} for _ in range(n)]
    for kind, (g, c) in kinds.items():
        for i in range(g):
            garbled[i][fitting.FLAGGED + kind] = 1.0
        for i in range(c):
            clean[i][fitting.FLAGGED + kind] = 1.0
    return fitting.PairFeatures(garbled=garbled, clean=clean)


@pytest.mark.parametrize(
    ("garbled", "clean", "marks"),
    [
        (60, 5, True),
        (60, 30, True),  # exactly CAP_RATIO times as often
        (60, 31, False),
        (60, 90, False),  # fires more on clean text (e.g. a model's opinion of fluency)
        (fitting.CAP_MIN_FLAGS - 1, 0, False),  # too few to tell
        (fitting.CAP_MIN_FLAGS, 0, True),
    ],
)
def test_a_kind_marks_garbles_when_far_more_frequent_on_garbled_twins(
    garbled: int, clean: int, marks: bool
) -> None:
    kinds = fitting.cap_kinds(_pairs({"adequacy:major": (garbled, clean)}))
    assert ("adequacy:major" in kinds) is marks


def test_every_cap_candidate_caps_worse_severities_no_higher() -> None:
    candidates = fitting.cap_candidates(["a:minor", "b:major", "c:critical"])
    assert candidates[0] is None
    assert len(candidates) > 10
    for c in candidates[1:]:
        cap = c["cap"]
        levels = [cap.get(s, 100.0) for s in ("minor", "major", "critical")]
        assert levels == sorted(levels, reverse=True)
        assert all(k.rpartition(":")[2] in cap for k in c["flags"])
    assert fitting.cap_candidates([]) == [None]


def _dev(n: int, seed: int) -> tuple[list[EvalRow], list[dict[str, float]]]:
    rng = random.Random(seed)
    rows, feats = [], []
    for i in range(n):
        qe = rng.gauss(0, 1)
        score = qe + rng.gauss(0, 0.5)
        rows.append(
            EvalRow(
                id=f"d{i}",
                dataset="d",
                lang_pair="ru-en",
                split="dev",
                mt="m",
                score=score,
                da_mean=68 + 27 * score,
            )
        )
        feats.append({"qe": qe})
    return rows, feats


def _model() -> dict:
    return {
        "bias": 0.8,
        "weights": {"qe": 0.5},
        "centre": {"qe": 0.0},
        "scale": {"qe": 1.0},
        "impute": {"qe": 0.0},
    }


def _garbled_pairs(n: int = 200) -> fitting.PairFeatures:
    """Garbled twins the model's score cannot tell apart; most carry a flag of one kind."""
    rng = random.Random(11)
    clean = [{"qe": rng.gauss(0, 1)} for _ in range(n)]
    garbled = [
        {"qe": c["qe"], **({fitting.FLAGGED + "adequacy:minor": 1.0} if i % 4 else {})}
        for i, c in enumerate(clean)
    ]
    return fitting.PairFeatures(garbled=garbled, clean=clean)


def test_a_cap_is_chosen_when_a_kind_marks_the_garbles_at_no_cost() -> None:
    dev_rows, dev_feats = _dev(300, 2)
    _floor, caps, report = fitting.choose_floor(
        _model(), "mt", dev_rows, dev_feats, _garbled_pairs()
    )
    assert caps is not None and caps["flags"] == ["adequacy:minor"]
    assert caps["cap"]["minor"] < 100
    assert report["cap_kinds"] == {"adequacy:minor": {"garbled": 150, "clean": 0}}
    assert report["chosen"]["garbled_below_clean"] > report["base"]["garbled_below_clean"]


def test_a_cap_that_costs_dev_agreement_beyond_the_tolerance_is_refused() -> None:
    dev_rows, dev_feats = _dev(300, 4)
    # On dev the same kind of flag sits on the best rows: capping them ranks people's favourites low.
    for r, f in zip(dev_rows, dev_feats):
        if (r.score or 0.0) > 0.8:
            f[fitting.FLAGGED + "adequacy:minor"] = 1.0
    _floor, caps, report = fitting.choose_floor(
        _model(), "mt", dev_rows, dev_feats, _garbled_pairs()
    )
    for dataset, base in report["base"]["dev_pearson"].items():
        assert report["chosen"]["dev_pearson"][dataset] >= base - fitting.PAIR_TOLERANCE
    assert caps is None or min(caps["cap"].values()) > 30.0  # never the harshest cap


def test_fit_mode_keeps_given_caps_and_records_them() -> None:
    rows, feats = _dev(120, 5)
    floor = dict(fitting.FLAG_FLOOR)
    caps = {"cap": {"major": 50.0}, "flags": ["adequacy:major"]}
    fit = fitting.fit_mode("mt", rows, feats, rows, feats, floor=floor, caps=caps)
    assert fit.caps == caps
    assert fit.model["flag_caps"] == caps
    assert fit.report["flag_caps"] == caps


def test_the_per_kind_counts_are_never_weighted_into_the_logit() -> None:
    rows, feats = _dev(120, 6)
    for i, f in enumerate(feats):
        f[fitting.FLAGGED + "adequacy:minor"] = float(i % 3 == 0)
    fit = fitting.fit_mode("mt", rows, feats, rows, feats)
    assert not any(n.startswith(fitting.FLAGGED) for n in fit.model["weights"])
    assert "flag_caps" not in fit.model  # no pairs: no caps


@pytest.mark.parametrize("name", ["qe.json", "default.json"])
def test_shipped_calibrations_hold_a_flagged_sentence_under_its_cap(name: str) -> None:
    """Every mode of the shipped files that was fitted with pairs records its caps and applies
    them: a sentence that the logit alone scores high is held at the cap of its flag's kind."""
    from mtqa.calibration import load_calibration

    cal = load_calibration(name=name)
    for mode in ("mt", "mt+src"):
        made = cal.data["made"][mode]
        assert "flag_floor_choice" in made  # fitted with pairs
        caps = made["flag_caps"]
        model = cal.model_for(mode)
        assert model.get("flag_caps") == caps
        if not caps:
            continue
        for kind in caps["flags"]:
            severity = kind.rpartition(":")[2]
            assert kind in made["flag_floor_choice"]["cap_kinds"]
            check, _, category = kind.rpartition(":")[0].partition(".")
            flags = [_flag(check, severity, confidence=0.01, category=category or "c")]
            q = cal.score({}, flags, mode)
            assert q <= caps["cap"][severity] + 1e-9


# --- a rare severity's cap is a prior, not a search ---------------------------------------------


@pytest.mark.parametrize(
    ("counts", "searched"),
    [
        ({"a:minor": 300, "b:major": 200, "c:critical": 27}, ("minor", "major")),
        ({"a:minor": 300, "c:critical": 30, "d:critical": 20}, ("minor", "critical")),
        ({"b:major": 49}, ()),
        ({}, ()),
    ],
)
def test_a_severity_is_searched_only_with_enough_flags(counts, searched) -> None:
    assert fitting.CAP_MIN_SEVERITY_FLAGS == 50
    assert fitting.learned_severities(counts) == searched


def test_a_rare_severity_is_capped_as_the_next_milder_one() -> None:
    kinds = {"a:minor": 300, "b:major": 200, "c:critical": 27}
    candidates = fitting.cap_candidates(list(kinds), kinds)
    assert candidates[0] is None
    caps = [c["cap"] for c in candidates[1:]]
    assert len(caps) == len({tuple(sorted(c.items())) for c in caps})  # no candidate twice
    for cap in caps:
        assert cap.get("critical") == cap.get("major")
    # every minor/major pair of the full search is still there
    full = {
        (c["cap"].get("minor"), c["cap"].get("major"))
        for c in fitting.cap_candidates(list(kinds))[1:]
    }
    assert {(c.get("minor"), c.get("major")) for c in caps} == full - {(None, None)}
    # a rare minor severity keeps no cap of its own
    rare_minor = fitting.cap_candidates(["a:minor", "b:major"], {"a:minor": 5, "b:major": 80})
    assert all("minor" not in c["cap"] for c in rare_minor[1:])


def _rare_critical_pairs(n: int = 400) -> fitting.PairFeatures:
    """Half the garbled twins carry a major flag, 20 of them a critical one."""
    rng = random.Random(3)
    clean = [{"qe": rng.gauss(0, 1)} for _ in range(n)]
    garbled = [{"qe": c["qe"] + rng.gauss(0, 0.3)} for c in clean]
    for i in range(0, n, 2):
        garbled[i][fitting.FLAGGED + "adequacy:major"] = 1.0
    for i in rng.sample(range(n), 20):
        garbled[i][fitting.FLAGGED + "rules:critical"] = 1.0
    return fitting.PairFeatures(garbled=garbled, clean=clean)


@pytest.mark.parametrize("cost", [0.9, 1.1])
def test_the_cap_of_rare_critical_flags_does_not_flip_with_agreement_noise(cost: float) -> None:
    """A critical cap below the major one (65: a harsher major cap costs too much) costs agreement with people just inside or just
    outside the tolerance (two refits that differ by noise): the critical cap is the major one
    either way, as there are too few critical flags to search it."""

    def agreement(floor: dict, caps: dict | None) -> dict[str, float]:
        cap = (caps or {}).get("cap", {})
        below = cap.get("critical", 100.0) < cap.get("major", 100.0)
        harsh = cap.get("major", 100.0) < 65.0  # costs well beyond the tolerance
        return {"d": 0.4 - (cost * fitting.PAIR_TOLERANCE if below else 0.0) - 0.1 * harsh}

    _floor, caps, report = fitting.pick_floor(agreement, _model(), _rare_critical_pairs())
    assert report["cap_severities_searched"] == ["major"]
    assert caps is not None and caps["cap"]["critical"] == caps["cap"]["major"] == 65.0
    assert "rules:critical" in caps["flags"]


# --- names are a kind of their own; those judged without the source never cap -----------------


@pytest.mark.parametrize(
    ("check", "category", "kind"),
    [
        ("vocabulary", "name", "vocabulary.name:minor"),
        ("source", "name", "source.name:minor"),
        ("vocabulary", "spelling", "vocabulary:minor"),
        ("adequacy", "mistranslation", "adequacy:minor"),
    ],
)
def test_name_flags_count_as_their_own_kind(check: str, category: str, kind: str) -> None:
    from mtqa.calibration import flag_kind

    flag = _flag(check, "minor", category=category)
    assert flag_kind(flag) == kind
    assert combination_features({}, [flag])[fitting.FLAGGED + kind] == 1.0


@pytest.mark.parametrize(
    ("listed", "category", "capped"),
    [
        ("vocabulary:minor", "spelling", True),
        ("vocabulary:minor", "name", False),  # a rare name is not a garbled word
        ("vocabulary.name:minor", "name", True),
        ("vocabulary.name:minor", "spelling", False),
    ],
)
def test_a_cap_on_a_checks_flags_leaves_its_name_flags_to_their_own_kind(
    listed: str, category: str, capped: bool
) -> None:
    model = {**_capped_model(), "flag_caps": {"cap": {"minor": 50.0}, "flags": [listed]}}
    cal = Calibration(data={"combine": {"default": model}}, digest="", label="")
    q = cal.score({"qe": 0.0}, [_flag("vocabulary", "minor", 0.01, category)], "mt")
    assert (q <= 50.0) is capped


@pytest.mark.parametrize(
    ("kind", "without_source"),
    [
        ("vocabulary.name:minor", True),  # a spelling guess: the check never reads the source
        ("vocabulary.name:major", True),
        ("source.name:minor", False),  # against the source's own name
        ("vocabulary:minor", False),  # the check's other flags
        ("rules:major", False),
    ],
)
def test_names_judged_without_the_source_are_told_apart(kind: str, without_source: bool) -> None:
    assert fitting.name_without_source(kind) is without_source


def test_names_judged_without_the_source_never_cap() -> None:
    """However well they mark the garbles on the pairs (the generator's name garbles), name
    flags of a check that cannot see the source stay out of the caps; the source's do not."""
    pairs = _pairs(
        {
            "vocabulary.name:minor": (60, 2),
            "source.name:minor": (60, 2),
            "vocabulary:minor": (60, 2),
        }
    )
    assert set(fitting.cap_kinds(pairs)) == {"source.name:minor", "vocabulary:minor"}


# --- a negligible ranking gain does not move the floor ------------------------------------------


@pytest.mark.parametrize(("gain", "moves"), [(0.00002, False), (0.0003, True)])
def test_the_floor_moves_only_for_a_ranking_gain_beyond_the_resolution(
    gain: float, moves: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two floors within the tolerance: the heavier one ranks the pairs better by ``gain``. It
    is chosen only when the gain shows at AUC_DIGITS decimals; otherwise the nearer floor."""
    assert fitting.AUC_DIGITS == 4
    heavy = {"flags.minor": -0.4, "flags.major": -0.5, "flags.critical": -1.5}
    monkeypatch.setattr(fitting, "floor_candidates", lambda: [dict(fitting.FLAG_FLOOR), heavy])
    monkeypatch.setattr(fitting, "cap_kinds", lambda pairs: {})
    aucs = iter([0.60001, 0.60001 + gain])
    monkeypatch.setattr(fitting, "garbled_below_clean", lambda g, c: next(aucs))
    floor, caps, _ = fitting.pick_floor(lambda f, c: {"d": 0.4}, _model(), _pairs({}))
    assert caps is None
    assert (floor == heavy) is moves
