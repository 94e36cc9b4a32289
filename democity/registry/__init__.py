"""The rights register of the demo city: parties, documents, rights, restrictions, duties.

Who holds what follows the land use: families own their houses and flats (one owner, spouses
1/2 each, heirs 1/3 or 2/3 + 1/6 + 1/6 ...), companies own or lease commercial land, state
bodies use schools and parks permanently, homeowners' partnerships use the land under apartment
buildings. Every right and restriction cites the document it was registered on. Some properties
show history: an earlier owner whose right ended with a sale or an inheritance, a lease extended
by a new version of the same right, a repaid mortgage.
"""

import numpy as np

from democity.registry.common import PropertyInput
from democity.registry.encumbrances import responsibilities, restrictions
from democity.registry.output import register_tables
from democity.registry.rights import family_rights, organisation_rights
from democity.registry.state import RegisterState
from democity.tables import Table

__all__ = ["PropertyInput", "build_register"]


def build_register(props: PropertyInput, *, seed: int) -> list[Table]:
    """Parties, documents and registered facts for `props`; same input and seed, same rows.

    Tables in load order: parties, groups, members, sources, rights (+ citations), restrictions
    (+ citations), responsibilities (+ citations).
    """
    state = RegisterState(props, np.random.default_rng([seed, 6]))
    family_rights(state)
    organisation_rights(state)
    restrictions(state)
    responsibilities(state)
    return register_tables(state)
