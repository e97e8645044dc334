-- PostgreSQL roles for production (ADR 0009, docs/deployment.md). Run once, as
-- a superuser, before the first migration. Two roles: ecrf_owner owns the
-- database and its tables and runs the migrations; ecrf_app is what the
-- application connects as. Replace the passwords (and the names if you wish).
CREATE ROLE ecrf_owner LOGIN PASSWORD 'change-me-owner';
CREATE ROLE ecrf_app LOGIN PASSWORD 'change-me-app';
CREATE DATABASE ecrf OWNER ecrf_owner;
REVOKE ALL ON DATABASE ecrf FROM PUBLIC;
GRANT CONNECT ON DATABASE ecrf TO ecrf_app;
