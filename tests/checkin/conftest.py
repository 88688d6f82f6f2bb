import pytest

from .helpers import make_delegate


@pytest.fixture
def desk(login_as, seminar):
    """A client logged in as check-in staff, in English, and a poster for scans."""
    client = login_as("checkin")
    client.set_cookie("lang", "en")

    def post(body: dict, item: str = "plenary"):
        return client.post(f"/console/checkin/{item}/scans", json=body)

    post.client = client
    return post


@pytest.fixture
def namiki(seminar):
    return make_delegate(seminar, "namiki", ("plenary", "clair-reception"))
