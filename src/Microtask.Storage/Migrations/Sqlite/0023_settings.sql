-- Values the bot makes for itself once and every instance then shares (the pseudonym salt when none is configured).
CREATE TABLE IF NOT EXISTS settings (
    name       text   NOT NULL PRIMARY KEY,
    value      text   NOT NULL,
    created_at bigint NOT NULL
);
