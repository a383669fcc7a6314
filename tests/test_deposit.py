"""The deposit metadata: four files from one source (compendium/deposit.py) that agree with each
other and with the project, each with the structure its standard requires."""
import json

import pytest
import yaml

from compendium import deposit, pipeline
from compendium.paths import ROOT


def _load():
    return (yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8")),
            json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8")),
            json.loads((ROOT / "codemeta.json").read_text(encoding="utf-8")),
            json.loads((ROOT / "ro-crate-metadata.json").read_text(encoding="utf-8")))


def test_the_committed_files_are_what_the_source_of_truth_writes():
    for name, text in deposit.documents().items():
        assert (ROOT / name).read_text(encoding="utf-8") == text, name


def test_the_four_files_agree_on_title_version_licences_and_authors():
    cff, zenodo, codemeta, crate = _load()
    root = next(e for e in crate["@graph"] if e["@id"] == "./")
    version = next(line.split('"')[1] for line in (ROOT / "pyproject.toml").read_text().splitlines()
                   if line.startswith("version"))
    assert cff["title"] == zenodo["title"] == codemeta["name"] == root["name"]
    assert cff["version"] == zenodo["version"] == codemeta["version"] == root["version"] == version
    assert set(cff["license"]) == {"MIT", "CC-BY-4.0"} and zenodo["license"] == "MIT" and "CC-BY-4.0" in zenodo["notes"]
    assert {url.rsplit("/", 1)[1].removesuffix(".html") for url in codemeta["license"]} == {"MIT", "CC-BY-4.0"}
    assert root["license"]["@id"].endswith("CC-BY-4.0.html")
    assert str(cff["date-released"]) == zenodo["publication_date"] == codemeta["datePublished"] == root["datePublished"]
    names = [a["name"] for a in cff["authors"]]
    assert names == [c["name"] for c in zenodo["creators"]] == [a["name"] for a in codemeta["author"]]
    assert (ROOT / "LICENSE-DATA").read_text(encoding="utf-8").count("CC BY 4.0") >= 1


def test_each_file_has_the_structure_its_standard_requires():
    cff, zenodo, codemeta, crate = _load()
    assert cff["cff-version"] == "1.2.0" and cff["message"] and all(a.get("name") for a in cff["authors"])
    assert zenodo["upload_type"] == "software" and zenodo["creators"]
    assert codemeta["@context"] == "https://w3id.org/codemeta/3.0" and codemeta["@type"] == "SoftwareSourceCode"
    # RO-Crate 1.1: the metadata descriptor about the root dataset; every part exists; the build as actions
    assert crate["@context"] == "https://w3id.org/ro/crate/1.1/context"
    ids = {e["@id"]: e for e in crate["@graph"]}
    descriptor = ids["ro-crate-metadata.json"]
    assert descriptor["about"] == {"@id": "./"} and descriptor["conformsTo"]["@id"] == "https://w3id.org/ro/crate/1.1"
    for part in ids["./"]["hasPart"]:
        assert (ROOT / part["@id"]).is_file(), part
        assert part["@id"] in ids
    actions = [e for e in crate["@graph"] if e["@type"] == "CreateAction"]
    assert [a["name"] for a in actions] == [f"notebooks/{n}.ipynb" for n in pipeline.NOTEBOOKS]
    for action in actions:
        for ref in action["object"] + action["result"] + [action["instrument"]]:
            assert ref["@id"] in ids


def test_every_checklist_item_points_to_something_that_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert deposit.checklist_markdown() in readme
    for item, where in deposit.CHECKLIST:
        assert where, item
        for place in where.split("; "):
            if place.startswith("README § "):
                assert f"## {place.removeprefix('README § ')}" in readme, place
            else:
                import glob
                assert glob.glob(str(ROOT / place)), place


def test_citation_cff_validates_against_the_official_cff_schema_offline():
    """The Citation File Format's own JSON Schema (tests/schemas/, copied at a stated commit), as
    cffconvert would apply it; a planted break is refused."""
    import jsonschema

    schema = json.loads((ROOT / "tests" / "schemas" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    cff, *_ = _load()
    cff = json.loads(json.dumps(cff, default=str))  # YAML dates as the strings the schema expects
    jsonschema.Draft7Validator(schema).validate(cff)
    broken = dict(cff, authors=[{"nickname": "no name"}], version=None)
    assert list(jsonschema.Draft7Validator(schema).iter_errors(broken))


RO_CRATE_CONTEXT = "https://w3id.org/ro/crate/1.1/context"


@pytest.fixture(scope="module")
def validator_cache(tmp_path_factory):
    """A cache in the validator's own format holding the RO-Crate 1.1 context as its publisher
    serves it (the committed copy, tests/schemas/), so that `offline` finds it: no network. One per
    module: the validator keeps one HTTP session per process, made with the first cache it is given."""
    import io

    from requests.adapters import HTTPAdapter
    from requests_cache import CachedSession
    from urllib3.response import HTTPResponse

    body = (ROOT / "tests" / "schemas" / "ro-crate-1.1-context.jsonld").read_bytes()

    class CommittedCopy(HTTPAdapter):
        def send(self, request, **kwargs):
            raw = HTTPResponse(body=io.BytesIO(body), headers={"Content-Type": "application/ld+json"}, status=200,
                               preload_content=False, request_url=request.url)
            return self.build_response(request, raw)

    cache = tmp_path_factory.mktemp("validator") / "http_cache"
    session = CachedSession(cache_name=str(cache), backend="sqlite", expire_after=-1)
    session.mount("https://", CommittedCopy())
    assert session.get(RO_CRATE_CONTEXT).status_code == 200
    return cache


def _validate_crate(crate, cache, metadata_only=False) -> tuple[bool, list[str]]:
    """roc-validator's own entry point (the one its command line calls), in the test process rather
    than a subprocess of its own: no interpreter start-up and package loading per run."""
    from rocrate_validator import services
    from rocrate_validator.models import ValidationSettings

    settings = ValidationSettings(rocrate_uri=str(crate), profile_identifier="ro-crate-1.1", offline=True,
                                  cache_path=cache, skip_availability_check=True, metadata_only=metadata_only)
    result = services.validate(settings)
    return result.passed(), [str(issue.message) for issue in result.issues]


# rdflib's JSON-LD parser, inside the validator, warns about its own deprecated class
QUIET_RDFLIB = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


@QUIET_RDFLIB
def test_the_ro_crate_passes_the_official_validator_offline(validator_cache):
    """roc-validator (the RO-Crate community's validator, profile ro-crate-1.1, every REQUIRED check)
    on this repository's crate, offline."""
    passed, issues = _validate_crate(ROOT, validator_cache)
    assert passed, issues


@QUIET_RDFLIB
def test_the_validator_fails_a_planted_break(validator_cache, tmp_path):
    """The same validator on a copy of the metadata without the root's datePublished, which the
    specification requires."""
    broken = tmp_path / "broken"
    broken.mkdir()
    crate = json.loads((ROOT / "ro-crate-metadata.json").read_text(encoding="utf-8"))
    next(e for e in crate["@graph"] if e["@id"] == "./").pop("datePublished")
    (broken / "ro-crate-metadata.json").write_text(json.dumps(crate), encoding="utf-8")
    passed, issues = _validate_crate(broken, validator_cache, metadata_only=True)
    assert not passed
    assert any("datePublished" in issue for issue in issues)
