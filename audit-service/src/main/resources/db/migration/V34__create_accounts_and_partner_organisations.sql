-- The accounts a local authority's ContactPoint team administers (issue 23). The identity provider holds the
-- credentials and signs the tokens; this table is the team's view: which authority administers the account, its
-- organisation and roles, and whether it is suspended or closed (which every service enforces from
-- audit.account-suspensions.v1, not from the identity provider, so that it takes effect on the next request).
CREATE TABLE partner_organisation (
    organisation_code varchar(32)  PRIMARY KEY,
    name              varchar(200) NOT NULL,
    -- NULL: a national partner (a charity working across England), registered by an administrator
    local_authority   varchar(9),
    roles             text[]       NOT NULL,
    registered_by     varchar(200) NOT NULL,
    registered_at     timestamptz  NOT NULL
);

CREATE TABLE account (
    user_id           varchar(64)  PRIMARY KEY,
    username          varchar(100) NOT NULL UNIQUE,
    name              varchar(200) NOT NULL,
    local_authority   varchar(9)   NOT NULL,
    organisation_code varchar(32)  NOT NULL,
    organisation      varchar(200) NOT NULL,
    roles             text[]       NOT NULL,
    status            varchar(10)  NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'CLOSED')),
    status_reason     text,
    created_by        varchar(200) NOT NULL,
    created_at        timestamptz  NOT NULL,
    changed_at        timestamptz  NOT NULL
);

CREATE INDEX account_by_local_authority ON account (local_authority, username);
