"""The pre-publish gate: does a checked document pass?"""

from __future__ import annotations

from dataclasses import dataclass

from mtqa.types import SEVERITY_RANK, DocumentResult, Severity


@dataclass(frozen=True)
class Verdict:
    passed: bool
    reason: str


@dataclass(frozen=True)
class Gate:
    fail_under: float | None = None
    fail_on: Severity | None = None

    def judge(self, doc: DocumentResult) -> Verdict:
        reasons = []
        quality = doc.summary.get("quality")
        if self.fail_under is not None and quality is not None and quality < self.fail_under:
            reasons.append(f"document quality {quality:.1f} is below {self.fail_under:g}")
        if self.fail_on is not None:
            limit = SEVERITY_RANK[self.fail_on]
            hits = [f for s in doc.sentences for f in s.flags if SEVERITY_RANK[f.severity] >= limit]
            if hits:
                first = hits[0]
                reasons.append(
                    f"{len(hits)} flag(s) at {self.fail_on} or worse, first: "
                    f"{first.severity} {first.category} “{first.text}”"
                )
        return Verdict(passed=not reasons, reason="; ".join(reasons) or "passed")
