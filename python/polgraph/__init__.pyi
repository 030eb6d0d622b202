# Type stubs of the polgraph package (python/polgraph/__init__.py and its _polgraph module).
import os
from typing import Any, Callable, Iterable, Iterator, Sequence, Tuple, Union

import networkx
import pandas

__version__: str

_Path = Union[str, os.PathLike[str]]
_Paths = Union[_Path, Iterable[_Path]]
_Inputs = Union[_Paths, Iterable[Tuple[str, str]]]
_Filter = Union[str, int, float, Sequence[str], None]
JSON = Any  # the JSON value `polgraph query --json` prints, as json.loads gives it

class Error(Exception): ...
class UsageError(Error, ValueError): ...
class InputError(Error): ...
class InputWarning(UserWarning): ...

def extract(
    paths: _Inputs,
    *,
    jobs: int = 0,
    keyphrases: bool = False,
    min_topic_score: float = 1.0,
    overlay: _Path | None = None,
    data: _Path | None = None,
    globs: Union[str, Sequence[str], None] = None,
    max_bytes: int | None = None,
    allow_empty: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Graph: ...
def records(
    paths: _Inputs,
    *,
    jobs: int = 0,
    keyphrases: bool = False,
    min_topic_score: float = 1.0,
    overlay: _Path | None = None,
    data: _Path | None = None,
    globs: Union[str, Sequence[str], None] = None,
    max_bytes: int | None = None,
    allow_empty: bool = False,
    progress: Callable[[int, int], None] | None = None,
    as_text: bool = False,
) -> Records: ...

class Records(Iterator[Any]):
    """Records in id order: dicts, or with as_text their --jsonl lines (str)."""
    errors: list[dict[str, str]]
    def __next__(self) -> Any: ...
def list_inputs(
    paths: _Paths, *, globs: Union[str, Sequence[str], None] = None
) -> Tuple[list[Tuple[str, str]], list[dict[str, str]]]: ...
def merge(inputs: _Paths, *, jobs: int = 0, allow_empty: bool = False) -> Graph: ...

class Graph:
    errors: list[dict[str, str]]
    @classmethod
    def load(cls, path: _Path, *, root: _Path | None = None) -> Graph: ...
    @property
    def root(self) -> str: ...
    @property
    def node_count(self) -> int: ...
    @property
    def edge_count(self) -> int: ...
    def save(
        self,
        path: _Path,
        format: str | None = None,
        view: str = "bipartite",
        *,
        dynamic: bool = False,
        gexf_version: str = "1.3",
        layout: str | None = None,
        layout_iterations: int = 0,
        seed: int = 1,
        **filters: _Filter,
    ) -> None: ...
    def related(
        self, article: str | None = None, entity: str | None = None, top: int = 10, **filters: Any
    ) -> dict[str, JSON]: ...
    def neighbors(
        self, entity: str, type: str | None = None, top: int = 10, depth: int = 1, **filters: Any
    ) -> dict[str, JSON]: ...
    def path(
        self,
        a: str,
        b: str,
        *,
        max_hops: int | None = None,
        via_sentences: bool = False,
        evidence: bool = False,
        **filters: Any,
    ) -> dict[str, JSON]: ...
    def top(
        self,
        by: str = "degree",
        type: str | None = None,
        topic: str | None = None,
        top: int = 10,
        **filters: Any,
    ) -> dict[str, JSON]: ...
    def topics(self, top: int = 10, **filters: Any) -> dict[str, JSON]: ...
    def evidence(self, a: str, b: str, top: int = 10, **filters: Any) -> dict[str, JSON]: ...
    def stats(self) -> dict[str, JSON]: ...
    def to_pandas(
        self, view: str = "bipartite", **filters: _Filter
    ) -> Tuple[pandas.DataFrame, pandas.DataFrame]: ...
    def to_networkx(self, view: str = "bipartite", **filters: _Filter) -> networkx.Graph: ...
