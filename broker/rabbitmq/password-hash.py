#!/usr/bin/env python3
"""Prints a RabbitMQ password_hash for definitions.json (hashing_algorithm rabbit_password_hashing_sha256).

Usage: ./password-hash.py 'the password'    (or read from stdin when no argument is given)
Algorithm: base64(salt + sha256(salt + utf8(password))) with a random 4-byte salt.
"""
import base64
import hashlib
import os
import sys

password = sys.argv[1] if len(sys.argv) > 1 else sys.stdin.readline().rstrip("\n")
salt = os.urandom(4)
print(base64.b64encode(salt + hashlib.sha256(salt + password.encode("utf-8")).digest()).decode("ascii"))
