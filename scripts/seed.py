#!/usr/bin/env python3
"""Fills a local patgate store (D1's SQLite file under PATGATE_STATE) with synthetic users,
memberships and tokens in realistic proportions, for the scale benchmarks. Run by scripts/seed.sh
while the worker is stopped. Tokens are digests of nothing: no one can use them."""
import argparse, base64, glob, os, random, sqlite3, sys, time, uuid

SCOPES = ["vso.code", "vso.code_write", "vso.build", "vso.build_execute", "vso.project", "vso.packaging", "vso.work", "vso.code vso.build", "app_token"]
LIFESPANS_DAYS = [7, 30, 30, 60, 90, 90, 180, 365]
DAY = 86_400_000
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def database(state):
    files = [f for f in glob.glob(os.path.join(state, "v3/d1/miniflare-D1DatabaseObject/*.sqlite")) if not f.endswith("metadata.sqlite")]
    if len(files) != 1:
        sys.exit(f"seed: expected one D1 database under {state}, found {len(files)}")
    return files[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--state", required=True)
    ap.add_argument("--tokens", type=int, required=True)
    ap.add_argument("--expiring", type=int, default=0, help="of them, live tokens ending within the next 7 days")
    ap.add_argument("--heavy", type=int, default=50_000, help="tokens of each of the three heaviest users")
    ap.add_argument("--seed", type=int, default=20261128)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    db = sqlite3.connect(database(a.state))
    db.execute("PRAGMA journal_mode = WAL")
    now = int(time.time() * 1000) + int(os.environ.get("PATGATE_CLOCK_OFFSET_MS", "0"))
    started = time.time()

    # Organizations: about one per 10,000 tokens; users: about one per 50 tokens, in 1 to 3 of them.
    orgs = [f"org-{i:05d}" for i in range(max(1, a.tokens // 10_000))]
    db.executemany("INSERT OR IGNORE INTO organizations (name, id) VALUES (?, ?)", [(o, str(uuid.UUID(int=rnd.getrandbits(128), version=4))) for o in orgs])
    n_users = max(3, a.tokens // 50)
    users = [f"user-{i:06d}" for i in range(n_users)]
    db.executemany(
        "INSERT OR IGNORE INTO users (id, display_name, email, is_admin, password_hash, password_salt, password_iterations, created_at) VALUES (?, ?, ?, 0, '', 'AAAAAAAAAAAAAAAAAAAAAA', 100000, ?)",
        [(u, f"Synthetic {u}", f"{u}@example.com", now) for u in users])
    member = {u: rnd.sample(orgs, k=min(len(orgs), rnd.choice([1, 1, 2, 3]))) for u in users}
    db.executemany("INSERT OR IGNORE INTO memberships (user_id, organization) VALUES (?, ?)", [(u, o) for u, os_ in member.items() for o in os_])

    # Owners: three users with `heavy` tokens each, the rest spread over everyone.
    heavy = users[:3]
    owners = [u for u in heavy for _ in range(min(a.heavy, a.tokens // 4))]
    owners += [rnd.choice(users) for _ in range(a.tokens - len(owners))]
    rnd.shuffle(owners)

    def rows():
        for i, owner in enumerate(owners):
            created = now - rnd.randrange(365 * DAY)
            valid_to = created + rnd.choice(LIFESPANS_DAYS) * DAY
            revoked = previous = previous_until = None
            kind = rnd.random()
            if i < a.expiring:                      # live, ending within the notice window
                valid_to = now + rnd.randrange(1, 7 * DAY)
            elif kind < 0.10:                       # revoked
                revoked = created + rnd.randrange(max(1, now - created))
            elif kind < 0.17:                       # expired
                valid_to = now - rnd.randrange(1, 30 * DAY)
                created = min(created, valid_to - DAY)
            elif kind < 0.20:                       # regenerated, the old secret in its grace period
                previous = base64.urlsafe_b64encode(rnd.randbytes(32)).rstrip(b"=").decode()
                previous_until = now + rnd.randrange(1, DAY)
                valid_to = max(valid_to, now + DAY)
            else:                                   # active
                valid_to = max(valid_to, now + 8 * DAY)
            org = None if rnd.random() < 0.1 else rnd.choice(member[owner])
            yield (str(uuid.UUID(int=rnd.getrandbits(128), version=4)), owner, f"{rnd.choice(['ci', 'git', 'npm', 'deploy', 'laptop'])} {i}", org,
                   rnd.choice(SCOPES), created, valid_to, created, created, revoked,
                   base64.urlsafe_b64encode(rnd.randbytes(32)).rstrip(b"=").decode(), "".join(rnd.choice(B62) for _ in range(4)), previous, previous_until)

    db.executemany(
        """INSERT INTO tokens (id, owner, display_name, organization, scope, valid_from, valid_to, created_at, updated_at, revoked_at, digest, hint, previous_digest, previous_until)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows())
    db.commit()
    total = db.execute("SELECT count(*) FROM tokens").fetchone()[0]
    print(f"seed: {a.tokens:,} tokens ({a.expiring:,} ending within 7 days), {len(users):,} users, {len(orgs):,} organizations in {time.time() - started:.1f} s; the store holds {total:,} tokens")


if __name__ == "__main__":
    main()
