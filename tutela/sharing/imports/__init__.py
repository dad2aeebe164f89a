"""Imports of pupils, contacts and enrolments from schools (CSV, and the DfE Common Transfer File)."""
