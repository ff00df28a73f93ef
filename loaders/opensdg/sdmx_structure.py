"""An SDMX-ML structure definition (DSD): what the codes of an SDMX data message mean.

Read from an SDMX 2.1 Structure message (Codelist, ConceptScheme, DataStructure) or an SDMX
2.0 one (CodeList, Concepts, KeyFamily), namespace prefixes ignored:
- each component (dimension or attribute) -> its concept's name and its code list;
- each code list -> code -> name (in the language asked for, else English, else the first),
  and code -> parent code (the hierarchy that says a province is part of its country);
- each SERIES code -> the SDG indicators it serves, from its `Indicator` annotation
  ('1.2.1', or several separated by commas) and their titles (`IndicatorTitle`), as the UN
  SDG DSD and national DSDs built from it carry them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from loaders.report import LoadError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
COMPONENTS = {"Dimension", "TimeDimension", "Attribute", "PrimaryMeasure", "MeasureDimension"}
INDICATOR_ID = re.compile(r"^\d{1,2}\.[0-9a-z]{1,2}\.[0-9a-z]{1,2}(?:\.[0-9a-z]+)*$", re.I)


@dataclass
class Structure:
    concepts: dict[str, str] = field(default_factory=dict)
    codelist_of: dict[str, str] = field(default_factory=dict)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    parents: dict[str, dict[str, str]] = field(default_factory=dict)
    dimensions: list[str] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)
    indicators: dict[str, list[str]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)

    def concept_name(self, component: str) -> str:
        return self.concepts.get(component) or component

    def label(self, component: str, code: str) -> str:
        """The code's name in the component's code list; the code itself when unknown."""
        return self.codes.get(self.codelist_of.get(component, ""), {}).get(code) or code

    def parent(self, component: str, code: str) -> str:
        return self.parents.get(self.codelist_of.get(component, ""), {}).get(code, "")


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def kids(element: ET.Element, *names: str) -> list[ET.Element]:
    return [child for child in element if local(child.tag) in names]


LOST = re.compile("\ufffd+")


def text_of(element: ET.Element, name: str, language: str) -> str:
    """The text of `element`'s `name` children in `language`, else English, else the first; a run of
    replacement characters (U+FFFD: bytes lost to a wrong encoding before the file was written, as
    in Nepal's '(a)���� Age 7-14') is a space."""
    found = {(c.get(XML_LANG) or ""): " ".join(LOST.sub(" ", c.text or "").split())
             for c in kids(element, name)}
    for key in (language, "en", *found):
        if found.get(key):
            return found[key]
    return ""


def safe_root(path: Path) -> ET.Element:
    """The parsed document; a document type declaration (the door to entity expansion) is refused."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LoadError(f"{path} cannot be opened: {error.strerror or error}.") from error
    if b"<!DOCTYPE" in data[:65_536] or b"<!ENTITY" in data:
        raise LoadError(f"{path.name} declares a document type or entities, which SDMX files never need.")
    try:
        return ET.fromstring(data)
    except ET.ParseError as error:
        raise LoadError(f"{path.name} is not well-formed XML: {error}.") from error


def is_structure(path: Path) -> bool:
    """True for an SDMX Structure message holding a data structure definition."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    first = re.search(r"<(?![?!])(?:[\w-]+:)?([\w-]+)", head)  # the root: a data message's header names
    return bool(first) and first.group(1) == "Structure" and "sdmx" in head.lower()  # its <Structure> too


def read_structure(path: Path, language: str = "en") -> Structure:
    root = safe_root(path)
    if local(root.tag) != "Structure":
        raise LoadError(f"{path.name} is not an SDMX Structure message (it starts with <{local(root.tag)}>).")
    structure = Structure()
    for element in root.iter():
        name = local(element.tag)
        if name in ("Codelist", "CodeList"):
            read_codelist(element, structure, language)
        elif name == "Concept":
            concept = element.get("id") or ""
            structure.concepts[concept] = text_of(element, "Name", language) or concept
            enum = first_ref(element, "CoreRepresentation")
            if enum and concept not in structure.codelist_of:
                structure.codelist_of[concept] = enum
        elif name in ("DataStructure", "KeyFamily"):
            read_components(element, structure)
    series_codes = structure.codes.get(structure.codelist_of.get("SERIES", "CL_SERIES"), {})
    for element in root.iter():
        if local(element.tag) == "Code" and (element.get("id") or element.get("value")) in series_codes:
            read_series_annotations(element, structure, language)
    if not structure.dimensions:
        raise LoadError(f"{path.name} holds no data structure definition (no DataStructure or KeyFamily).")
    return structure


def read_codelist(element: ET.Element, structure: Structure, language: str) -> None:
    names, parents = {}, {}
    for code in kids(element, "Code"):
        code_id = code.get("id") or code.get("value") or ""
        names[code_id] = text_of(code, "Name", language) or text_of(code, "Description", language) or code_id
        parent = code.get("parentCode") or next(
            (ref.get("id") for p in kids(code, "Parent") for ref in p.iter() if local(ref.tag) == "Ref"), ""
        )
        if parent:
            parents[code_id] = parent
    structure.codes[element.get("id") or ""] = names
    structure.parents[element.get("id") or ""] = parents


def first_ref(element: ET.Element, representation: str) -> str:
    """The code list a (Core|Local)Representation's Enumeration refers to."""
    for rep in kids(element, representation):
        for enum in kids(rep, "Enumeration"):
            for ref in enum:
                if local(ref.tag) == "Ref" and ref.get("id"):
                    return ref.get("id")
    return ""


def read_components(element: ET.Element, structure: Structure) -> None:
    for component in element.iter():
        kind = local(component.tag)
        if kind not in COMPONENTS:
            continue
        concept = component.get("conceptRef") or component.get("id") or ""
        for identity in kids(component, "ConceptIdentity"):
            ref = next((r for r in identity.iter() if local(r.tag) == "Ref"), None)
            concept = component.get("id") or (ref.get("id") if ref is not None else concept)
        if not concept:
            continue
        codelist = component.get("codelist") or first_ref(component, "LocalRepresentation")
        if codelist:
            structure.codelist_of[concept] = codelist
        target = structure.attributes if kind == "Attribute" else structure.dimensions
        if kind != "PrimaryMeasure" and concept not in target:
            target.append(concept)


def read_series_annotations(code: ET.Element, structure: Structure, language: str) -> None:
    series = code.get("id") or code.get("value") or ""
    ids, title = [], ""
    for annotation in (a for a in code.iter() if local(a.tag) == "Annotation"):
        kinds = {text_of(annotation, kind, language) for kind in ("AnnotationTitle", "AnnotationType")}
        text = text_of(annotation, "AnnotationText", language)
        if "Indicator" in kinds:
            ids += [indicator_id(part) for part in re.split(r"[,;\s]+", text) if INDICATOR_ID.match(part)]
        elif "IndicatorTitle" in kinds and not title:
            title = text
    if ids:
        structure.indicators[series] = list(dict.fromkeys(ids))
        for one in ids:
            structure.titles.setdefault(one, title)


def indicator_id(code: str) -> str:
    """'1.2.1' -> '1-2-1', the id Open SDG gives the indicator."""
    return code.strip().lower().replace(".", "-")
