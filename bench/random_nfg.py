#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes a random normal-form game as a Gambit .nfg file (payoff form), for the whole-command
figures of docs/performance.md ("Normal-form games"). Payoffs are integers from -1000 to 1000,
drawn with Python's random module from the given seed, so every run writes the same file.

    bench/random_nfg.py --players 6 --strategies 6 --seed 1 > six-by-six.nfg
    bench/random_nfg.py --players 2 --strategies 10 --seed 1 > ten-by-ten.nfg
"""
import argparse
import random
import sys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, required=True)
    parser.add_argument("--strategies", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generator = random.Random(args.seed)
    profiles = args.strategies ** args.players
    out = sys.stdout
    names = " ".join(f'"P{p + 1}"' for p in range(args.players))
    counts = " ".join(str(args.strategies) for _ in range(args.players))
    out.write(f'NFG 1 R "Random {args.players}-player game, seed {args.seed}" {{ {names} }} {{ {counts} }}\n\n')
    for _ in range(profiles):
        out.write(" ".join(str(generator.randint(-1000, 1000)) for _ in range(args.players)))
        out.write("\n")


if __name__ == "__main__":
    main()
