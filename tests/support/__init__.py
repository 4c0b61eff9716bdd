"""Helpers the tests share: fake provider servers, expectation readers, fix and CLI drivers."""
