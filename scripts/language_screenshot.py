#!/usr/bin/env python3
"""Builds the sample site in another language and saves its home page at 1280 px, for
docs/languages.md:

    language_screenshot.py --digest .build/release/digest --language zh-CN docs/screenshots

The sample's content is copied with `language` changed in site.json; nothing in the
repository's Content/ is touched. Run by `make screenshots`, which installs a CJK font
(fonts-wqy-microhei) so Chromium can draw Chinese and Japanese.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

from verify import REPO, Chromium, SubPathServer, free_port, run


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--digest", default=os.path.join(REPO, ".build", "release", "digest"))
    parser.add_argument("--language", default="zh-CN")
    parser.add_argument("folder")
    args = parser.parse_args()

    workspace = tempfile.mkdtemp(prefix="digest-language-")
    try:
        content = os.path.join(workspace, "Content")
        shutil.copytree(os.path.join(REPO, "Content"), content)
        settings_path = os.path.join(content, "site.json")
        with open(settings_path, encoding="utf-8") as file:
            settings = json.load(file)
        settings["language"] = args.language
        with open(settings_path, "w", encoding="utf-8") as file:
            json.dump(settings, file, ensure_ascii=False, indent=2)
        site = os.path.join(workspace, "Site")
        proc = run([args.digest, "build", "--content", content, "--layouts", os.path.join(REPO, "Layouts"), "--output", site])
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 1
        server, browser = SubPathServer(site, free_port()), Chromium()
        try:
            errors, _ = browser.open(server.url, 1280, 1500, False)
            if errors:
                print("\n".join(errors), file=sys.stderr)
                return 1
            os.makedirs(args.folder, exist_ok=True)
            path = os.path.join(args.folder, f"home-{args.language}-1280.png")
            browser.screenshot(path, 1280, 1500)
            print(f"saved {os.path.relpath(path)}")
        finally:
            browser.close()
            server.close()
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
