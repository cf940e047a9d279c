"""The OpenAPI document against the running application (schemathesis): for every operation, generated
requests with the key of a city editor and of the granting authority never cause a server error, and every
answer matches the document. The number of examples per operation is bounded, so the run stays short."""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

from tests.factories import MunicipalityFactory, user_with_role

from .api_data import city, token_for

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def api_keys(live_server, transactional_db):
    dortmund = MunicipalityFactory(name="Dortmund", ags="05913000")
    bochum = MunicipalityFactory(name="Bochum", ags="05911000")
    authority = user_with_role("authority")
    city(dortmund, authority=authority)
    city(bochum, authority=authority)
    return {"editor": token_for(user_with_role("editor", dortmund)), "authority": token_for(authority)}


SETTINGS = settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def test_every_answer_matches_the_document(api_keys, live_server):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/?format=json")
    tested = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @SETTINGS
        @given(case=operation.as_strategy())
        def check(case):
            for key in api_keys.values():
                response = case.call(headers={"Authorization": f"Bearer {key}"})
                case.validate_response(response, checks=CHECKS)

        check()
        tested.append(operation.label)
    assert "GET /api/v1/applications/{id}/" in tested and "PUT /api/v1/applications/{id}/" in tested
    assert len(tested) >= 20
