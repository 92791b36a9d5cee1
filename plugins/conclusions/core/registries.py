"""Moved: reading the registries is `registry_source`, their entries are in `model`. Kept while
other modules still import from here."""

from .model import Actor as Actor
from .model import Entry as Entry
from .model import Instrument as Instrument
from .model import Kind as Kind
from .model import Registries as Registries
from .model import Term as Term
from .model import Verb as Verb
from .registry_source import SHARED as SHARED
from .registry_source import load_registries as load_registries
from .registry_source import read_registries as read_registries
