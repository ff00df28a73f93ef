"""Places of one name that a file tells apart by words the gazetteer cannot read ('Chaoyang
(Guangdong)' and 'Chaoyang (Liaoning)'): each was placed at the largest city of that name, so both
stood on one point with one population. At most one of them can be there: none is placed."""

from __future__ import annotations

from loaders.gazetteer import QUALIFIED, fold, unread_qualifier


def apart_namesakes(found: dict[tuple, tuple[dict | None, str]]) -> None:
    """Leave without coordinates, with the reason, the places of `found` ((name, iso3, region) ->
    (gazetteer row, note)) that two or more differently qualified names of one country share."""
    by_city: dict[tuple, list[tuple]] = {}
    for key, (hit, _note) in found.items():
        name, iso3, region = key
        if hit is None or region or not unread_qualifier(str(name), None):
            continue
        by_city.setdefault((iso3, hit.get("geonameid")), []).append(key)
    for (iso3, _geonameid), keys in by_city.items():
        qualifiers = {fold(QUALIFIED.match(str(name).strip())["qualifier"]) for name, _i, _r in keys}
        if len(keys) < 2 or len(qualifiers) < 2:
            continue
        hit = found[keys[0]][0]
        names = " and ".join(f"'{name}'" for name, _i, _r in keys)
        for key in keys:
            found[key] = (None, (
                f"city '{key[0]}' not found in the gazetteer in {iso3}: {names} are told apart by words it "
                f"cannot read, and both were found only as {hit.get('name')} (population "
                f"{int(hit.get('population') or 0):,}, GeoNames {hit.get('geonameid')}); left without "
                "coordinates: give each a region code or a GeoNames id"))


def one_city_per_place(found: dict[tuple, tuple[dict | None, str]]) -> None:
    """A gazetteer city that places of different regions of one file were both found as is one of
    them at most: the one named most fully (San Pedro de Tiquina, La Paz, beside San Pedro of Pando,
    found by the same city's short name) keeps it, and the others are left without coordinates, with
    the reason; where two are named as fully, none keeps it. Places without a region are not judged:
    two files of one import may name one city two ways."""
    claims: dict[object, list[tuple]] = {}
    for key, (hit, _note) in found.items():
        if hit is not None and key[2]:
            claims.setdefault(hit.get("geonameid"), []).append(key)
    for keys in claims.values():
        if len({key[2] for key in keys}) < 2:
            continue
        hit = found[keys[0]][0]
        longest = max(len(fold(str(key[0]))) for key in keys)
        named = [key for key in keys if len(fold(str(key[0]))) == longest]
        named = named if len(named) == 1 else []
        for key in (k for k in keys if k not in named):
            holder = f"{named[0][0]} ({named[0][2]})" if named else "another place of the file"
            found[key] = (None, (
                f"city '{key[0]}' not found in the gazetteer in {key[1]} ({key[2]}): the place found, "
                f"{hit.get('name')} (population {int(hit.get('population') or 0):,}, GeoNames "
                f"{hit.get('geonameid')}), is {holder}'s; left without coordinates"))
