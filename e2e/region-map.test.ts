/**
 * Browser test of region maps on an election of our own: without uploaded boundaries the coverage
 * page has no map, only its table; once a GeoJSON of 48 small adjacent wards is uploaded (one of
 * them a MultiPolygon with an island, every ring in RFC 7946 counter-clockwise order), the map
 * draws every ward with d3-geo, and no two labels overlap: the bounding boxes of the label texts,
 * as the browser lays them out, are pairwise disjoint and inside the map.
 */
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import {
  apiAs,
  type OwnElection,
  ownElection,
  seedAdministrator,
  setUpOwnElection,
} from "./support/own-election.ts";
import { openPage, screenshotDir } from "./support/web.ts";

const TITLE = "browser: region maps from uploaded boundaries, labels never overlapping";

const COLUMNS = 8;
const ROWS = 6;
const ward = (i: number) => `WARD-${String(i + 1).padStart(2, "0")}`;

/** One station in each of 48 wards. */
function wardStations(): string {
  const lines = ["Code,Name,Voters,Ward"];
  for (let i = 0; i < COLUMNS * ROWS; i++)
    lines.push(`PS${1000 + i},Ward school ${i + 1},${300 + i},${ward(i)}`);
  return `${lines.join("\n")}\n`;
}

/** Counter-clockwise (RFC 7946) ring of a box. */
const box = (west: number, south: number, east: number, north: number) => [
  [west, south],
  [east, south],
  [east, north],
  [west, north],
  [west, south],
];

/**
 * 48 wards in a grid of small cells near Accra; the columns narrow from west to east (the last
 * ones a few hundred metres wide), so their labels cannot all sit inside; WARD-48 also owns an
 * island off its coast (a MultiPolygon).
 */
function wardBoundaries() {
  const features = [];
  let west = -0.3;
  for (let column = 0; column < COLUMNS; column++) {
    const width = 0.03 / (column + 1);
    for (let row = 0; row < ROWS; row++) {
      const i = row * COLUMNS + column;
      const south = 5.5 + row * 0.012;
      const cell = box(west, south, west + width, south + 0.012);
      const geometry =
        i === COLUMNS * ROWS - 1
          ? {
              type: "MultiPolygon",
              coordinates: [[cell], [box(west + width + 0.004, south, west + width + 0.006, south + 0.002)]],
            }
          : { type: "Polygon", coordinates: [cell] };
      features.push({ type: "Feature", properties: { code: ward(i) }, geometry });
    }
    west += width;
  }
  return { type: "FeatureCollection", features };
}

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let app: RunningApp | undefined;
    let context: BrowserContext | undefined;
    let page: Page;
    let baseUrl = "";
    let election: OwnElection;
    const problems: string[] = [];

    beforeAll(async () => {
      app = await startApp(seedAdministrator);
      ({ baseUrl } = app);
      election = await setUpOwnElection(baseUrl, {
        csv: wardStations(),
        mapping: {
          code: "Code",
          name: "Name",
          registeredVoters: "Voters",
          areas: [{ level: "ward", code: "Ward" }],
        },
      });
      // A sample of every ward's station, so that coverage lists every ward.
      const coordinator = await apiAs(
        baseUrl,
        ownElection.coordinatorUsername,
        ownElection.coordinatorPassword,
      );
      await coordinator("POST", `/api/v1/missions/${election.missionId}/plan`, {
        design: "simple_random",
        size: COLUMNS * ROWS,
        seed: 7,
      });
      await coordinator("POST", `/api/v1/missions/${election.missionId}/plan/versions/1/confirm`);
      ({ context, page } = await openPage(app?.browser, problems, { width: 1280, height: 900 }));
    }, 600_000);

    afterAll(async () => {
      await context?.close();
      await app?.close();
    });

    it("shows the table alone while no boundaries are uploaded", async () => {
      await page.goto(`${baseUrl}/elections/${election.electionId}/coverage`);
      await page.waitForURL(/\/sign-in$/);
      await page.getByLabel("Username").fill(ownElection.coordinatorUsername);
      await page.getByLabel("Password").fill(ownElection.coordinatorPassword);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { level: 1, name: "Coverage" }).waitFor();
      await page.getByText(/No area boundaries uploaded/).waitFor();
      expect(await page.locator("svg.coverage-map").count()).toBe(0);
      await page
        .getByRole("cell", { name: /WARD-17/ })
        .first()
        .waitFor();
    }, 300_000);

    it("draws the uploaded wards with labels that do not overlap", async () => {
      const admin = await apiAs(baseUrl, ownElection.adminUsername, ownElection.adminPassword);
      const saved = await admin(
        "PUT",
        `/api/v1/elections/${election.electionId}/areas/shapes`,
        wardBoundaries(),
      );
      expect(saved.saved).toBe(COLUMNS * ROWS);
      await page.reload();
      const map = page.locator("svg.coverage-map");
      await map.waitFor();
      expect(await map.locator("[data-area]").count()).toBe(COLUMNS * ROWS);
      // The island is drawn as a second ring of WARD-48's path.
      const island = (await map.locator('[data-area="WARD-48"] path').getAttribute("d")) ?? "";
      expect(island.match(/M/g)?.length).toBe(2);
      // Projected, not the whole globe: every ward lies inside the drawing.
      const outside = await map.evaluate((svg) => {
        const frame = svg.getBoundingClientRect();
        return [...svg.querySelectorAll("[data-area] path")].filter((path) => {
          const b = path.getBoundingClientRect();
          return b.width > frame.width || b.left < frame.left - 1 || b.right > frame.right + 1;
        }).length;
      });
      expect(outside).toBe(0);

      await map.locator("g[data-label]").first().waitFor();
      const labels = await map.evaluate((svg) => {
        const frame = svg.getBoundingClientRect();
        return [...svg.querySelectorAll("g[data-label]")].map((group) => {
          const boxes = [...group.querySelectorAll("text")].map((text) => text.getBoundingClientRect());
          return {
            moved: group.classList.contains("map-label--moved"),
            left: Math.min(...boxes.map((b) => b.left)) - frame.left,
            top: Math.min(...boxes.map((b) => b.top)) - frame.top,
            right: Math.max(...boxes.map((b) => b.right)) - frame.left,
            bottom: Math.max(...boxes.map((b) => b.bottom)) - frame.top,
            width: frame.width,
            height: frame.height,
            text: group.textContent,
          };
        });
      });
      await map.screenshot({ path: join(screenshotDir, "region-map-labels.png") });
      expect(labels).toHaveLength(COLUMNS * ROWS);
      const overlapping: string[] = [];
      for (let i = 0; i < labels.length; i++)
        for (let j = i + 1; j < labels.length; j++) {
          const a = labels[i];
          const b = labels[j];
          if (a && b && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
            overlapping.push(`${a.text} / ${b.text}`);
        }
      expect(overlapping).toEqual([]);
      for (const label of labels) {
        expect(label.left).toBeGreaterThanOrEqual(-0.5);
        expect(label.top).toBeGreaterThanOrEqual(-0.5);
        expect(label.right).toBeLessThanOrEqual(label.width + 0.5);
        expect(label.bottom).toBeLessThanOrEqual(label.height + 0.5);
      }
      // The narrow wards cannot hold their labels: those moved out have leader lines.
      const moved = labels.filter((label) => label.moved).length;
      expect(moved).toBeGreaterThan(0);
      expect(await map.locator(".map-label--moved line").count()).toBe(moved);
      expect(problems).toEqual([]);
    }, 300_000);
  });
}
