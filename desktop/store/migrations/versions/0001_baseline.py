"""Baseline: synced records, reference data and sync bookkeeping.

Revision ID: 0001
Revises: 
Create Date: 2026-11-28 10:47:30.225957
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('attachments',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('mime_type', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('owner_type', sa.String(length=16), nullable=False),
    sa.Column('owner_id', sa.String(length=36), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('author_id', sa.String(length=64), nullable=False),
    sa.Column('station_id', sa.String(length=32), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachments_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachments_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachments_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachments_station_id'), ['station_id'], unique=False)

    op.create_table('conflicts',
    sa.Column('record_type', sa.String(length=16), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('server_value', sa.JSON(), nullable=True),
    sa.Column('client_value', sa.JSON(), nullable=True),
    sa.Column('client_author_id', sa.String(length=64), nullable=False),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    sa.Column('resolution', sa.JSON(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('author_id', sa.String(length=64), nullable=False),
    sa.Column('station_id', sa.String(length=32), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('conflicts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conflicts_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_conflicts_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_conflicts_station_id'), ['station_id'], unique=False)

    op.create_table('divisions',
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('parent_code', sa.String(length=12), nullable=True),
    sa.PrimaryKeyConstraint('code')
    )
    with op.batch_alter_table('divisions', schema=None) as batch_op:
        batch_op.create_index('ix_divisions_level', ['level'], unique=False)
        batch_op.create_index(batch_op.f('ix_divisions_parent_code'), ['parent_code'], unique=False)

    op.create_table('drafts',
    sa.Column('form', sa.String(length=32), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('form')
    )
    op.create_table('households',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('village_code', sa.String(length=12), nullable=False),
    sa.Column('industries', sa.JSON(), nullable=False),
    sa.Column('livestock_head', sa.Integer(), nullable=True),
    sa.Column('land_mu', sa.Float(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('contact_consent', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('author_id', sa.String(length=64), nullable=False),
    sa.Column('station_id', sa.String(length=32), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_households_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_households_name_village', ['name', 'village_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_households_station_id'), ['station_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_households_village_code'), ['village_code'], unique=False)

    op.create_table('industries',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('code'),
    sa.UniqueConstraint('name')
    )
    op.create_table('local_files',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('mime_type', sa.String(length=64), nullable=False),
    sa.Column('uploaded', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('sha256')
    )
    op.create_table('national_teams',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('league_code', sa.String(length=4), nullable=False),
    sa.Column('county_code', sa.String(length=6), nullable=False),
    sa.Column('industries', sa.JSON(), nullable=False),
    sa.Column('industry_count', sa.Integer(), nullable=False),
    sa.Column('expert_count', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('outbox',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('record_type', sa.String(length=16), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('base_revision', sa.Integer(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('acked', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('seq')
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_pending', ['acked', 'seq'], unique=False)
        batch_op.create_index('ix_outbox_record', ['record_type', 'record_id', 'acked'], unique=False)

    op.create_table('review_events',
    sa.Column('record_type', sa.String(length=16), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('from_state', sa.String(length=16), nullable=False),
    sa.Column('to_state', sa.String(length=16), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('author_id', sa.String(length=64), nullable=False),
    sa.Column('station_id', sa.String(length=32), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('review_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_events_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_events_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_events_station_id'), ['station_id'], unique=False)

    op.create_table('squads',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('league_code', sa.String(length=4), nullable=False),
    sa.Column('county_code', sa.String(length=6), nullable=False),
    sa.Column('industries', sa.JSON(), nullable=False),
    sa.Column('expert_count', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('stations',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('league_code', sa.String(length=4), nullable=False),
    sa.Column('county_code', sa.String(length=6), nullable=False),
    sa.Column('industries', sa.JSON(), nullable=False),
    sa.Column('expert_count', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    with op.batch_alter_table('stations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stations_county_code'), ['county_code'], unique=False)

    op.create_table('sync_state',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('targets',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('value', sa.Double(), nullable=False),
    sa.Column('unit', sa.String(length=32), nullable=False),
    sa.Column('scope', sa.String(length=32), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('trainings',
    sa.Column('training_date', sa.Date(), nullable=False),
    sa.Column('village_code', sa.String(length=12), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('industry', sa.String(length=64), nullable=False),
    sa.Column('trainers', sa.JSON(), nullable=False),
    sa.Column('hours', sa.Float(), nullable=True),
    sa.Column('attendees', sa.JSON(), nullable=False),
    sa.Column('attendee_household_ids', sa.JSON(), nullable=False),
    sa.Column('photo_ids', sa.JSON(), nullable=False),
    sa.Column('review_state', sa.String(length=16), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('author_id', sa.String(length=64), nullable=False),
    sa.Column('station_id', sa.String(length=32), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('trainings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trainings_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_trainings_date', ['training_date'], unique=False)
        batch_op.create_index('ix_trainings_review_state', ['review_state'], unique=False)
        batch_op.create_index(batch_op.f('ix_trainings_station_id'), ['station_id'], unique=False)
        batch_op.create_index('ix_trainings_village', ['village_code'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('specialist_type', sa.String(length=32), nullable=False),
    sa.Column('station_code', sa.String(length=32), nullable=True),
    sa.Column('home_county_code', sa.String(length=6), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('visits',
    sa.Column('visit_date', sa.Date(), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('duration_hours', sa.Float(), nullable=True),
    sa.Column('village_code', sa.String(length=12), nullable=False),
    sa.Column('household_ids', sa.JSON(), nullable=False),
    sa.Column('service_types', sa.JSON(), nullable=False),
    sa.Column('industry', sa.String(length=64), nullable=False),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.Column('advice', sa.Text(), nullable=False),
    sa.Column('follow_up_date', sa.Date(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('photo_ids', sa.JSON(), nullable=False),
    sa.Column('review_state', sa.String(length=16), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('author_id', sa.String(length=64), nullable=False),
    sa.Column('station_id', sa.String(length=32), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index('ix_visits_author_date', ['author_id', 'visit_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_visits_date', ['visit_date'], unique=False)
        batch_op.create_index('ix_visits_industry', ['industry'], unique=False)
        batch_op.create_index('ix_visits_review_state', ['review_state'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_station_id'), ['station_id'], unique=False)
        batch_op.create_index('ix_visits_village_date', ['village_code', 'visit_date'], unique=False)

    op.create_table('memberships',
    sa.Column('user_id', sa.String(length=64), nullable=False),
    sa.Column('station_code', sa.String(length=32), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'station_code')
    )


def downgrade() -> None:
    op.drop_table('memberships')
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index('ix_visits_village_date')
        batch_op.drop_index(batch_op.f('ix_visits_station_id'))
        batch_op.drop_index('ix_visits_review_state')
        batch_op.drop_index('ix_visits_industry')
        batch_op.drop_index('ix_visits_date')
        batch_op.drop_index(batch_op.f('ix_visits_author_id'))
        batch_op.drop_index('ix_visits_author_date')

    op.drop_table('visits')
    op.drop_table('users')
    with op.batch_alter_table('trainings', schema=None) as batch_op:
        batch_op.drop_index('ix_trainings_village')
        batch_op.drop_index(batch_op.f('ix_trainings_station_id'))
        batch_op.drop_index('ix_trainings_review_state')
        batch_op.drop_index('ix_trainings_date')
        batch_op.drop_index(batch_op.f('ix_trainings_author_id'))

    op.drop_table('trainings')
    op.drop_table('targets')
    op.drop_table('sync_state')
    with op.batch_alter_table('stations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stations_county_code'))

    op.drop_table('stations')
    op.drop_table('squads')
    with op.batch_alter_table('review_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_events_station_id'))
        batch_op.drop_index(batch_op.f('ix_review_events_record_id'))
        batch_op.drop_index(batch_op.f('ix_review_events_author_id'))

    op.drop_table('review_events')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_record')
        batch_op.drop_index('ix_outbox_pending')

    op.drop_table('outbox')
    op.drop_table('national_teams')
    op.drop_table('local_files')
    op.drop_table('industries')
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_households_village_code'))
        batch_op.drop_index(batch_op.f('ix_households_station_id'))
        batch_op.drop_index('ix_households_name_village')
        batch_op.drop_index(batch_op.f('ix_households_author_id'))

    op.drop_table('households')
    op.drop_table('drafts')
    with op.batch_alter_table('divisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_divisions_parent_code'))
        batch_op.drop_index('ix_divisions_level')

    op.drop_table('divisions')
    with op.batch_alter_table('conflicts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conflicts_station_id'))
        batch_op.drop_index(batch_op.f('ix_conflicts_record_id'))
        batch_op.drop_index(batch_op.f('ix_conflicts_author_id'))

    op.drop_table('conflicts')
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachments_station_id'))
        batch_op.drop_index(batch_op.f('ix_attachments_sha256'))
        batch_op.drop_index(batch_op.f('ix_attachments_owner_id'))
        batch_op.drop_index(batch_op.f('ix_attachments_author_id'))

    op.drop_table('attachments')
