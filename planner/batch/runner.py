"""Solve many scenarios on a Dask cluster: a local one on this machine's cores, or a scheduler's.

The same code runs either way: a :class:`distributed.Client`, to a :class:`LocalCluster` of
worker processes (one thread each, ``memory_limit`` each) or to ``--scheduler tcp://HOST:8786``.
Scenarios travel as YAML text in chunks of a few solves (:func:`chunks`), so the scheduler's
overhead per task stays small beside the solves; each worker imports the solver and warms it up
once (a worker plugin) and answers with small records (:mod:`planner.batch.work`).

This is the only module of the planner that imports Dask.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import math
import os
import signal
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

import dask
import dask.utils
from distributed import Client, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from planner.batch.inputs import Item
from planner.batch.records import failure
from planner.batch.variants import BatchError, Variant
from planner.batch.work import solve_chunk
from planner.i18n import t

__all__ = ["Cluster", "chunks", "connect", "solve_all"]

log = logging.getLogger("planner.batch")

MOST_PER_TASK: Final = 16  # solves in one task: about 0.3 s of a kabupaten's work
TASKS_PER_WORKER: Final = 8  # at least this many tasks a worker, so the last ones balance


@dataclass(frozen=True)
class Cluster:
    """The client and what to say about it: workers, and the address or the local cluster."""

    client: Client
    workers: int
    address: str | None
    memory_limit: str | None


class _WarmUp(WorkerPlugin):
    """Import the solver and solve a tiny scenario once on each worker, before any task."""

    def setup(self, worker: Any) -> None:  # noqa: ARG002 - the plugin interface
        from planner.batch.work import warm_up

        warm_up()


def _quiet() -> None:
    for name in ("distributed", "tornado", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


@contextlib.contextmanager
def connect(workers: int | None = None, scheduler: str | None = None, *,
            memory_limit: str = "1GiB", timeout: float = 5.0) -> Iterator[Cluster]:
    """Open a client to a new local cluster (default) or to ``scheduler``; close it after.

    ``workers`` is the number of local worker processes (default: this machine's cores). The
    cluster is closed however the block ends, Ctrl-C included.

    Raises
    ------
    BatchError
        When the scheduler cannot be reached within ``timeout`` seconds, or has no worker
        within that time (the option to fix is ``--scheduler``).

    """
    _quiet()
    # a Client left unreferenced (a failed connection) must be finalised now, not by the garbage
    # collector while a LocalCluster starts its event loop: that deadlocks distributed
    # (Client.__del__ -> close -> LoopRunner.stop waits on the start's own lock)
    gc.collect()
    cluster: LocalCluster | None = None
    client: Client | None = None
    try:
        if scheduler is None:
            n = workers or os.cpu_count() or 1
            _check_memory(memory_limit)
            # tasks go to the workers as soon as they are submitted (no queue held back at the
            # scheduler), so a worker starts its next chunk without a round trip in between
            with _workers_ignore_ctrl_c(), dask.config.set(
                    {"distributed.scheduler.worker-saturation": float("inf")}):
                cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=n, threads_per_worker=1, processes=True,
                    memory_limit=memory_limit, dashboard_address=":0", scheduler_port=0,
                    silence_logs=logging.CRITICAL)
            client = Client(cluster)  # type: ignore[no-untyped-call]
        else:
            client = _remote(scheduler, timeout)
        client.register_plugin(_WarmUp(), name="planner-warm-up")
        count = len(client.scheduler_info(n_workers=-1)["workers"])
        yield Cluster(client, count, scheduler, memory_limit if cluster is not None else None)
    finally:
        _quiet()
        with contextlib.suppress(Exception):  # closing: nothing left to report
            if client is not None:
                client.close(timeout=10)  # type: ignore[no-untyped-call]
        with contextlib.suppress(Exception):
            if cluster is not None:
                cluster.close(timeout=10)


@contextlib.contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Start worker processes that ignore Ctrl-C; this process alone answers it.

    A terminal sends Ctrl-C to every process of the command, the workers too, and each would
    print its own traceback. An ignored signal stays ignored in a started process (and in the
    solver processes it starts), so it is ignored while the workers start: a Ctrl-C in those
    seconds is lost, and the client closes the cluster on any later one.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _check_memory(limit: str) -> None:
    """Refuse a memory limit Dask cannot read (``1GiB``, ``1500MB``, ``auto`` are fine)."""
    if limit == "auto":
        return
    try:
        size = dask.utils.parse_bytes(limit)
    except (ValueError, TypeError):
        size = 0
    if size <= 0:
        raise BatchError("batch_bad_memory", "--memory-limit", limit=limit)


def _remote(address: str, timeout: float) -> Client:
    seconds = f"{timeout:g}"
    try:
        with dask.config.set({"distributed.comm.timeouts.connect": f"{timeout}s"}):
            client = Client(address, timeout=timeout)  # type: ignore[no-untyped-call]
    except Exception as exc:  # noqa: BLE001 - whatever stops the handshake, it is no scheduler
        # (nothing listening, a bad address, or another server answering: an HTTP proxy's
        # reply read as a Dask frame header asks for exabytes, a MemoryError)
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        if isinstance(exc, MemoryError | EOFError):
            raise BatchError("batch_not_dask", "--scheduler", address=address) from None
        raise BatchError("batch_bad_scheduler", "--scheduler", address=address, seconds=seconds,
                         detail=detail) from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        client.close()  # type: ignore[no-untyped-call]
        raise BatchError("batch_no_workers", "--scheduler", address=address,
                         seconds=seconds) from None
    return client


def chunks(items: Sequence[Item], variants: Sequence[Variant],
           workers: int) -> list[list[dict[str, Any]]]:
    """Cut the items' variants into tasks of a few solves each, as plain data.

    Each task holds at most :data:`MOST_PER_TASK` solves and there are at least
    :data:`TASKS_PER_WORKER` tasks a worker when the work allows; an item's text is sent once in
    each task that solves some of its variants.
    """
    total = len(items) * len(variants)
    size = min(MOST_PER_TASK, max(1, math.ceil(total / (max(1, workers) * TASKS_PER_WORKER))))
    out: list[list[dict[str, Any]]] = []
    task: dict[int, dict[str, Any]] = {}
    filled = 0
    for index, item in enumerate(items):
        for v, variant in enumerate(variants):
            if index not in task:
                task[index] = {"index": index, "origin": item.origin, "text": item.text,
                               "region": item.region, "province": item.province,
                               "error": item.error, "variants": []}
            task[index]["variants"].append([v, variant.to_json()])
            filled += 1
            if filled == size:
                out.append(list(task.values()))
                task, filled = {}, 0
    if task:
        out.append(list(task.values()))
    return out


def solve_all(cluster: Cluster, tasks: list[list[dict[str, Any]]], options: dict[str, Any],
              lang: str, progress: Callable[[int, int], None] | None = None,
              ) -> list[dict[str, Any]]:
    """Solve every task on the cluster; return one record per scenario and variant.

    ``progress(done, failed)`` is called as tasks finish. A task whose worker died is reported
    as one failed record per solve it held, with the reason; the others finish. Ctrl-C cancels
    what is left (the caller's :func:`connect` block closes the cluster).
    """
    client = cluster.client
    batch = uuid.uuid4().hex[:8]
    futures = {client.submit(solve_chunk, task, options, lang, pure=False,
                             key=f"planner-batch-{batch}-{i}"): task
               for i, task in enumerate(tasks)}
    records: list[dict[str, Any]] = []
    failed = 0
    try:
        for future in as_completed(list(futures)):  # type: ignore[no-untyped-call]
            if future.status == "finished":
                got = future.result()
            else:
                got = _lost(futures[future], future.exception(), lang)
            records += got
            failed += sum(r["status"] in ("invalid", "error") for r in got)
            if progress is not None:
                progress(len(records), failed)
    finally:
        with contextlib.suppress(Exception):
            client.cancel(list(futures), force=True)  # type: ignore[no-untyped-call]
    return records


def _lost(task: list[dict[str, Any]], exc: BaseException | None,
          lang: str) -> list[dict[str, Any]]:
    """One failed record for each solve of a task that never came back."""
    detail = f"{type(exc).__name__}: {exc}" if exc is not None else "?"
    message = t("batch_task_lost", lang, detail=detail)
    out = []
    for item in task:
        for index, variant in item["variants"]:
            v = Variant.from_json(variant)
            base = {"item": item["index"], "variant_index": index, "name": item["origin"],
                    "origin": item["origin"], "variant": v.key(), "global_cut": v.global_cut,
                    "cuts": dict(v.cuts), "region": item["region"],
                    "province": item["province"], "seconds": 0.0}
            out.append(failure(base, "error", message))
    return out
