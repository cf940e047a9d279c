"""Demo data of the reporting app (run by manage.py seed_demo after the other apps)."""


def seed(stdout=None):
    from .controlling.demo import seed as controlling_seed

    return controlling_seed(stdout)
