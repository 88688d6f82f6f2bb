"""Flask extensions, created unbound and attached to an app in ``create_app``."""

from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Constraint names must be deterministic so that Alembic migrations can drop and
# alter them by name on PostgreSQL and in SQLite batch mode alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
babel = Babel()
csrf = CSRFProtect()
# Only the views decorated with compress.compressed() (COMPRESS_REGISTER is off).
compress = Compress()
login_manager = LoginManager()
# Limits are per client address; storage and on/off come from RATELIMIT_* settings.
limiter = Limiter(key_func=get_remote_address)
