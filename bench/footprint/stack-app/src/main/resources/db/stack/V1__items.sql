create table items (
    id       bigint      primary key,
    name     varchar(64) not null,
    revision bigint      not null
);
insert into items values (1, 'one', 1);
