-- Staging tables for the demo-city build, dropped when the build's transaction ends.
-- No parameters. democity_area holds the city, district and mahalla rows without geometry;
-- democity_cell the grid cells (block plus half of each surrounding street) they are made of.
CREATE TEMP TABLE democity_area (
    id bigint PRIMARY KEY,
    level varchar(16) NOT NULL,
    code varchar(32) NOT NULL,
    name_uz varchar(200) NOT NULL,
    name_ru varchar(200) NOT NULL,
    name_en varchar(200) NOT NULL,
    parent_id bigint
) ON COMMIT DROP;

CREATE TEMP TABLE democity_cell (
    mahalla_id bigint NOT NULL,
    geom geometry NOT NULL
) ON COMMIT DROP;
