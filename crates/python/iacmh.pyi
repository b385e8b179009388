# Type hints for the iacmh extension module (src/lib.rs); maturin puts them in the wheel.
import os
from typing import Any, Iterable, Optional, Union

__version__: str
MAX_RETURN_BYTES: int

Source = Union[str, bytes, bytearray, "os.PathLike[str]"]
Record = dict[str, Any]

class ParseError(ValueError):
    """Bytes that are not a return this version reads."""

    code: str
    message: str
    path: Optional[str]
    line: Optional[int]
    column: Optional[int]
    file: Optional[str]

class Collation:
    """A collation's tables as records for pandas.DataFrame."""

    @property
    def returns(self) -> list[Record]: ...
    @property
    def answers(self) -> list[Record]: ...
    @property
    def tables(self) -> dict[str, list[Record]]: ...
    @property
    def unreadable(self) -> list[Record]: ...
    @property
    def duplicates(self) -> list[Record]: ...
    @property
    def notes(self) -> list[str]: ...
    @property
    def summary(self) -> str: ...
    def __len__(self) -> int: ...

def validate(source: Source) -> dict[str, Any]: ...
def score(source: Source) -> dict[str, Any]: ...
def collate(paths: Union[str, "os.PathLike[str]", Iterable[Union[str, "os.PathLike[str]"]]]) -> Collation: ...
def index(version: Optional[str] = None) -> list[Record]: ...
def example(seed: Optional[int] = None) -> str: ...
