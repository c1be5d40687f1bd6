-- Series formats and the composition scheme (issue 11). An organisation may number a series its
-- own way: `{prefix}/{year}/{counter}` with the year as `YY-YY`, `YYYY-YY` or `YYYY` and a
-- counter width of 1 to 8 digits. A series without a row is numbered the default way
-- (`INV/26-27/0001`). Counters stay keyed by series, so a changed format continues the count.
-- Two series may not share a prefix: their numbers could collide.
--
-- A composition dealer (CGST Act s.10) charges no tax and issues bills of supply only, each
-- declaring it; the document records that its seller was one, as it does the buyer's particulars.

ALTER TABLE organisations ADD COLUMN composition BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE sales_documents ADD COLUMN seller_composition BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE number_series (
    org_id     BLOB   NOT NULL REFERENCES organisations (id),
    series     TEXT   NOT NULL,
    prefix     TEXT   NOT NULL,
    year_style TEXT   NOT NULL
        CONSTRAINT number_series_year_style_check CHECK (year_style IN ('YY-YY', 'YYYY-YY', 'YYYY')),
    width      BIGINT NOT NULL
        CONSTRAINT number_series_width_check CHECK (width BETWEEN 1 AND 8),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (org_id, series)
);
CREATE UNIQUE INDEX number_series_prefix_key ON number_series (org_id, prefix);
