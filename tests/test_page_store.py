"""smf-build's store of what it learnt about each page: a value kept by one build is there for the
next only if that build used it, and a build that fails leaves the last store as it was."""

from __future__ import annotations

from generator.engine.page_store import INDEX, PageStore


def _build(folder, used: dict, kept: tuple = (), fail: bool = False) -> dict:
    """One build: read every key in `kept` from the last store, put `used`, and finish (or fail)."""
    store = PageStore(folder)
    seen = {}
    for key in kept:
        seen[key] = store.get(key)
        if seen[key] is not None:
            store.keep(key)
    for key, value in used.items():
        store.put(key, value)
    store.abandon() if fail else store.finish()
    return seen


def test_values_last_from_one_build_to_the_next_while_used(tmp_path):
    _build(tmp_path, {"a": {"toc": [1, 2]}, "b": ("entries", ["log"])})
    assert _build(tmp_path, {"c": 3}, kept=("a",)) == {"a": {"toc": [1, 2]}}
    assert _build(tmp_path, {}, kept=("a", "b", "c")) == {"a": {"toc": [1, 2]}, "b": None, "c": 3}
    assert len(list(tmp_path.glob("*.data"))) == 1


def test_a_failed_build_leaves_the_last_store(tmp_path):
    _build(tmp_path, {"a": 1})
    _build(tmp_path, {"b": 2}, fail=True)
    assert _build(tmp_path, {}, kept=("a", "b")) == {"a": 1, "b": None}
    assert len(list(tmp_path.glob("*.data"))) == 1


def test_a_damaged_store_is_an_empty_one(tmp_path):
    _build(tmp_path, {"a": 1, "b": 2})
    (tmp_path / INDEX).write_bytes(b"not a pickle")
    assert _build(tmp_path, {"c": 3}, kept=("a",)) == {"a": None}
    assert _build(tmp_path, {}, kept=("c",)) == {"c": 3}
    data = next(tmp_path.glob("*.data"))
    data.write_bytes(data.read_bytes()[:2])  # cut short: the index points past its end
    assert _build(tmp_path, {}, kept=("c",)) == {"c": None}


def test_a_value_put_again_under_its_key_replaces_the_kept_one(tmp_path):
    _build(tmp_path, {"a": 1})
    store = PageStore(tmp_path)
    assert store.get("a") == 1
    store.put("a", 2)  # the page was converted again: its state changed under the same key
    store.finish()
    assert _build(tmp_path, {}, kept=("a",)) == {"a": 2}


def _read_in_child(store: PageStore, key: str, out) -> None:
    out.put(store.read_fresh(key))


def test_what_a_build_put_is_read_back_here_and_in_a_forked_worker(tmp_path):
    import multiprocessing

    store = PageStore(tmp_path)
    store.put("a", {"toc": ["x"]})
    store.put("b", [1, 2])
    assert store.read_fresh("a") == {"toc": ["x"]}
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    worker = context.Process(target=_read_in_child, args=(store, "b", out))
    worker.start()
    assert out.get(timeout=30) == [1, 2]
    worker.join()
    store.finish()


def _exit_in_child() -> None:
    pass  # a worker that ends normally: nothing it inherited is written by it


def test_values_buffered_before_a_fork_are_written_once_and_read_back_in_order(tmp_path, monkeypatch):
    import multiprocessing
    import pickle

    from generator.engine import page_store

    monkeypatch.setattr(page_store, "FLUSH_BYTES", 64)  # some writes on their own, some buffered
    store = PageStore(tmp_path)
    values = {f"k{n}": "x" * (n * 7) for n in range(30)}
    for key, value in list(values.items())[:15]:
        store.put(key, value)
    worker = multiprocessing.get_context("fork").Process(target=_exit_in_child)
    worker.start()
    worker.join()
    for key, value in list(values.items())[15:]:
        store.put(key, value)
    assert all(store.read_fresh(key) == value for key, value in values.items())
    store.put("last", "y")  # after a flush: still buffered when the build finishes
    store.finish()
    data = next(tmp_path.glob("*.data")).read_bytes()
    assert len(data) == sum(len(pickle.dumps(v, pickle.HIGHEST_PROTOCOL)) for v in [*values.values(), "y"])
    assert _build(tmp_path, {}, kept=("k29", "last")) == {"k29": values["k29"], "last": "y"}
