"""uvicorn's h11 protocol with a deadline for the request head (uvicorn itself has none).

A client that trickles its request line and headers would otherwise hold a connection forever:
uvicorn's keep-alive timer is reset by every byte received. Here each request head must be
complete within ``seconds`` of the connection opening or of the previous response; if it is not,
the connection is closed.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


def head_timeout_protocol(seconds: float) -> type[H11Protocol]:
    """An H11Protocol class (for uvicorn's ``http=``) that closes a connection whose request head
    is not complete within ``seconds``."""

    class HeadTimeoutH11Protocol(H11Protocol):
        def __init__(self, *args: Any, **kw: Any) -> None:
            super().__init__(*args, **kw)
            self._head_timer: asyncio.TimerHandle | None = None

        def _arm_head_timer(self) -> None:
            self._cancel_head_timer()
            self._head_timer = self.loop.call_later(seconds, self._head_expired)

        def _cancel_head_timer(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_expired(self) -> None:
            self._head_timer = None
            # IDLE: the client has not finished a request head since the last response.
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm_head_timer()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm_head_timer()

        def connection_lost(self, exc: Exception | None) -> None:
            self._cancel_head_timer()
            super().connection_lost(exc)

    return HeadTimeoutH11Protocol
