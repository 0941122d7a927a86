/**
 * The web UI end to end, in Debian's Chromium driven by playwright-core
 * (no browser is downloaded), against `make run`'s stack started for this
 * run alone:
 *
 * alice signs in through the local OpenID provider, creates two accounts
 * (and sees a duplicate code refused at its field), posts a balanced entry
 * and sees the trial balance change, tries an unbalanced entry and sees it
 * refused without a request, reverses the entry, invites carol (the link
 * carries its secret in the fragment only, and is shown once; the invitation
 * is listed as pending) and revokes the invitation, signs out; bob signs in
 * and sees none of Acme's data, in the UI or from the server, and the
 * revoked invitation's link does not let him in either.
 *
 * Every step saves a screenshot (`NN-step.png`, `NN-step-FAILED.png` when it
 * fails). Settings: SENT_SERVER_BIN, E2E_SCREENSHOTS, E2E_DATA, CHROMIUM.
 */

import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

import { startStack, type Stack } from "./stack.js";

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const repoRoot = resolve(appDir, "..", "..");
const screenshots = resolve(process.env["E2E_SCREENSHOTS"] ?? join(repoRoot, "target", "e2e-screenshots"));
const dataParent = resolve(process.env["E2E_DATA"] ?? join(repoRoot, "target", "e2e-data"));
const serverBinary = resolve(process.env["SENT_SERVER_BIN"] ?? join(repoRoot, "target", "debug", "sent-server"));
const serverLog = join(screenshots, "server.log");

/** Flags for a root, headless, offline Chromium: no sandbox (root), no GPU, no calls home. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

function chromiumPath(): string {
  const configured = process.env["CHROMIUM"];
  if (configured !== undefined && configured !== "") return configured;
  try {
    return execFileSync("bash", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("Debian's chromium is not installed: run `make e2e-deps`");
  }
}

class Failure extends Error {}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Failure(message);
}

/** "1,234.56" (as the UI shows amounts) → cents. */
function cents(text: string): bigint {
  const match = /(-?)([\d,]+)\.(\d{2})/.exec(text);
  if (match === null) throw new Failure(`no amount in ${JSON.stringify(text)}`);
  const value = BigInt((match[2] ?? "").replaceAll(",", "")) * 100n + BigInt(match[3] ?? "0");
  return match[1] === "-" ? -value : value;
}

let stepNo = 0;
let passed = 0;
let failed = 0;

async function step(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  stepNo += 1;
  const file = `${String(stepNo).padStart(2, "0")}-${name}`;
  const started = Date.now();
  try {
    await body();
    await page.screenshot({ path: join(screenshots, `${file}.png`), fullPage: true });
    passed += 1;
    console.log(`ok ${stepNo} - ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    failed += 1;
    await page.screenshot({ path: join(screenshots, `${file}-FAILED.png`), fullPage: true }).catch(() => undefined);
    console.log(`not ok ${stepNo} - ${name}: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}

async function openSignIn(page: Page, stack: Stack): Promise<void> {
  await page.goto(`${stack.baseUrl}/`);
  await page.getByRole("heading", { name: /Sign in to SENT/ }).waitFor();
}

async function fillProviderLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.locator("#login").waitFor();
  await page.locator("#login").fill(email);
  await page.locator("#password").fill(password);
}

async function submitProviderLogin(page: Page, stack: Stack): Promise<void> {
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.href.startsWith(stack.baseUrl) && url.pathname.includes("/ledger"));
}

async function openLedgerSection(page: Page, section: "Overview" | "Accounts" | "Journal"): Promise<void> {
  await page.getByRole("navigation", { name: "Ledger sections" }).getByRole("link", { name: section }).click();
}

async function createAccount(page: Page, code: string, name: string, kind: string): Promise<void> {
  await page.getByRole("button", { name: "New account" }).click();
  const dialog = page.getByRole("dialog", { name: "New account" });
  await dialog.getByLabel("Code").fill(code);
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Kind").click();
  await page.getByRole("option", { name: kind, exact: true }).click();
  await dialog.getByRole("button", { name: "Create account" }).click();
}

async function chooseLineAccount(page: Page, line: number, option: string): Promise<void> {
  await page.getByLabel(`Line ${line} account`).click();
  await page.getByRole("option", { name: option }).click();
}

/** Every `ledger.postEntry` the page sends, counted. */
function countPosts(page: Page): { readonly count: () => number } {
  let posts = 0;
  page.on("request", (request) => {
    if (request.url().endsWith("/api/rpc") && (request.postData() ?? "").includes("ledger.postEntry")) posts += 1;
  });
  return { count: () => posts };
}

/** What bob's part needs from alice's. */
interface AliceResult {
  readonly acmeId: string;
  /** The link of the invitation alice issued, then revoked. */
  readonly revokedInvitation: string;
}

async function aliceScenario(browser: Browser, stack: Stack): Promise<AliceResult> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme: "light" });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const posts = countPosts(page);
  let acmeId = "";
  let debitsBefore = 0n;
  let invitationUrl = "";

  await step(page, "sign-in-page", async () => {
    await openSignIn(page, stack);
  });

  await step(page, "provider-login-form", async () => {
    await fillProviderLogin(page, "alice@acme.test", stack.alicePassword);
    check(new URL(page.url()).port !== new URL(stack.baseUrl).port, "the sign-in form is the provider's");
  });

  await step(page, "alice-signed-in", async () => {
    await submitProviderLogin(page, stack);
    acmeId = /\/orgs\/([0-9a-f-]{36})\//.exec(page.url())?.[1] ?? "";
    check(acmeId !== "", `an organization in the URL: ${page.url()}`);
    await page.getByRole("button", { name: /Organization: Acme/ }).waitFor();
    await page.getByRole("table", { name: "Trial balance" }).waitFor();
    debitsBefore = cents(await page.getByTestId("totals-EUR").innerText());
    check(debitsBefore > 0n, "the demo data has a posted entry");
  });

  await step(page, "accounts-created", async () => {
    await openLedgerSection(page, "Accounts");
    await page.getByRole("table", { name: "Chart of accounts" }).waitFor();
    await createAccount(page, "1150", "E2E Bank", "Asset");
    await page.getByRole("row", { name: /1150 E2E Bank/ }).waitFor();
    await createAccount(page, "4150", "E2E Consulting", "Income");
    await page.getByRole("row", { name: /4150 E2E Consulting/ }).waitFor();
  });

  await step(page, "duplicate-code-refused-at-its-field", async () => {
    await createAccount(page, "1150", "Another bank", "Asset");
    const code = page.getByRole("dialog", { name: "New account" }).getByLabel("Code");
    await page.waitForFunction(() => document.querySelector("[role=dialog] input[aria-invalid=true]") !== null);
    check((await code.getAttribute("aria-invalid")) === "true", "the code field is marked invalid");
    const message = await page.locator("[role=dialog] [data-field-error]").innerText();
    check(/already exists/.test(message), `the server's conflict is shown at the code: ${message}`);
  });

  await step(page, "balanced-entry-posted", async () => {
    await page.keyboard.press("Escape");
    await openLedgerSection(page, "Journal");
    await page.getByLabel("Description").fill("E2E consulting invoice paid");
    await chooseLineAccount(page, 1, "1150 E2E Bank (EUR)");
    await page.getByLabel("Line 1 debit (EUR)").fill("1234.56");
    await chooseLineAccount(page, 2, "4150 E2E Consulting (EUR)");
    await page.getByLabel("Line 2 credit (EUR)").fill("1,234.56");
    await page.getByTestId("entry-balance").getByText("Balanced").waitFor();
    await page.getByRole("button", { name: "Post entry" }).click();
    await page.getByRole("list", { name: "Journal entries" }).getByText("E2E consulting invoice paid").waitFor();
    check(posts.count() === 1, `one postEntry request, saw ${posts.count()}`);
  });

  await step(page, "trial-balance-changed", async () => {
    await openLedgerSection(page, "Overview");
    const bank = page.getByRole("row", { name: /1150 E2E Bank/ });
    const consulting = page.getByRole("row", { name: /4150 E2E Consulting/ });
    // The overview may first show the trial balance it had cached; wait for
    // the refetched one rather than reading the first rows that appear.
    await bank.getByRole("cell").nth(2).getByText("1,234.56", { exact: true }).waitFor();
    await consulting.getByRole("cell").nth(3).getByText("1,234.56", { exact: true }).waitFor();
    const bankCells = await bank.getByRole("cell").allInnerTexts();
    const consultingCells = await consulting.getByRole("cell").allInnerTexts();
    check(bankCells[2]?.trim() === "1,234.56", `1150 debit: ${bankCells.join(" | ")}`);
    check(consultingCells[3]?.trim() === "1,234.56", `4150 credit: ${consultingCells.join(" | ")}`);
    const debitsAfter = cents(await page.getByTestId("totals-EUR").innerText());
    check(debitsAfter - debitsBefore === 123456n, `total debits grew by 1,234.56 (${debitsBefore} → ${debitsAfter})`);
    await page.getByTestId("totals-EUR").getByText("Balanced").waitFor();
    const chart = page.getByTestId("balance-chart-EUR").locator("svg");
    check(((await chart.locator("desc").textContent()) ?? "").includes("1150 E2E Bank: 1,234.56"), "the chart draws the new balance");
  });

  await step(page, "unbalanced-entry-refused", async () => {
    await openLedgerSection(page, "Journal");
    await page.getByLabel("Description").fill("E2E does not balance");
    await chooseLineAccount(page, 1, "1150 E2E Bank (EUR)");
    await page.getByLabel("Line 1 debit (EUR)").fill("100");
    await chooseLineAccount(page, 2, "4150 E2E Consulting (EUR)");
    await page.getByLabel("Line 2 credit (EUR)").fill("90");
    await page.getByTestId("entry-balance").getByText("Not balanced").waitFor();
    const before = posts.count();
    await page.getByRole("button", { name: "Post entry" }).click();
    const alert = page.locator("[data-error-kind=unbalanced]");
    await alert.waitFor();
    const text = await alert.innerText();
    check(text.includes("does not balance in EUR: debits 100.00, credits 90.00"), `the difference is explained: ${text}`);
    await page.waitForTimeout(500);
    check(posts.count() === before, "an unbalanced entry is never sent");
  });

  await step(page, "entry-reversed", async () => {
    await page.getByRole("button", { name: "Clear" }).click();
    await page.getByRole("button", { name: /Reverse entry of .*E2E consulting invoice paid/ }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Reverse entry" }).click();
    const entries = page.getByRole("list", { name: "Journal entries" });
    await entries.getByText("Reversal", { exact: true }).first().waitFor();
    await entries.getByText("Reversed", { exact: true }).first().waitFor();
    await openLedgerSection(page, "Overview");
    // Debit and credit both 1,234.56 now, so the balance is back to zero.
    await page.getByRole("row", { name: /^1150 E2E Bank Asset 1,234\.56 1,234\.56 0\.00 EUR$/ }).waitFor();
  });

  await step(page, "members-and-roles", async () => {
    await page.getByRole("navigation", { name: "Apps" }).getByRole("link", { name: "Members" }).click();
    const alice = page.getByRole("row", { name: /alice@acme\.test/ });
    await alice.waitFor();
    check((await alice.innerText()).includes("You"), "alice's own row is marked");
    const role = alice.getByRole("combobox", { name: /^Role of / });
    check((await role.innerText()).includes("Owner"), "alice is Acme's owner");
    await page.getByRole("button", { name: "Invite member" }).waitFor();
    await page.getByRole("button", { name: "Add by user id" }).waitFor();
  });

  await step(page, "invitation-link-shown-once", async () => {
    await page.getByRole("button", { name: "Invite member" }).click();
    const form = page.getByRole("dialog", { name: "Invite a member" });
    await form.getByLabel("Email").fill("carol@acme.test");
    await form.getByRole("button", { name: "Create invitation" }).click();
    const created = page.getByRole("dialog", { name: "Invitation created" });
    await created.waitFor();
    invitationUrl = await created.getByLabel("Invitation link").inputValue();
    const link = new URL(invitationUrl);
    check(link.origin === new URL(stack.baseUrl).origin && link.pathname === "/invitations/accept" && link.search === "", `the link's address: ${link.origin}${link.pathname}${link.search}`);
    check(/^#token=[^&]{40,}$/.test(link.hash), "the secret is in the fragment, which never reaches the server");
    check((await created.getByRole("note").innerText()).includes("Shown once"), "the link is said to be shown once");
  });

  await step(page, "invitation-pending", async () => {
    await page.getByRole("dialog", { name: "Invitation created" }).getByRole("button", { name: "Done" }).click();
    const carol = page.getByRole("table", { name: "Invitations" }).getByRole("row", { name: /carol@acme\.test/ });
    await carol.getByText("Pending", { exact: true }).waitFor();
    const secret = new URL(invitationUrl).hash.slice(-12);
    check(!(await page.content()).includes(secret), "the secret is gone from the page once the dialog closes");
  });

  await step(page, "invitation-revoked", async () => {
    const carol = page.getByRole("table", { name: "Invitations" }).getByRole("row", { name: /carol@acme\.test/ });
    await carol.getByRole("button", { name: "Revoke the invitation for carol@acme.test" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke", exact: true }).click();
    await carol.getByText("Revoked", { exact: true }).waitFor();
    check((await carol.getByRole("button", { name: /Revoke/ }).count()) === 0, "a revoked invitation cannot be revoked again");
  });

  await step(page, "dark-theme", async () => {
    await page.getByRole("navigation", { name: "Apps" }).getByRole("link", { name: "Ledger" }).click();
    await page.getByRole("table", { name: "Trial balance" }).waitFor();
    await page.getByRole("button", { name: /Change theme/ }).click();
    await page.getByRole("menuitemradio", { name: "Dark" }).click();
    check(await page.evaluate(() => document.documentElement.classList.contains("dark")), "the page is dark");
    await page.reload();
    await page.getByRole("table", { name: "Trial balance" }).waitFor();
    check(await page.evaluate(() => document.documentElement.classList.contains("dark")), "the choice survives a reload");
  });

  await step(page, "alice-signed-out", async () => {
    await page.getByRole("button", { name: /^Account:/ }).click();
    await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
    await page.getByRole("heading", { name: /Sign in to SENT/ }).waitFor();
    await page.goto(`${stack.baseUrl}/orgs/${acmeId}/ledger`);
    await page.getByRole("heading", { name: /Sign in to SENT/ }).waitFor();
  });

  await context.close();
  return { acmeId, revokedInvitation: invitationUrl };
}

async function bobScenario(browser: Browser, stack: Stack, { acmeId, revokedInvitation }: AliceResult): Promise<void> {
  // Bob's own browser: the provider still remembers alice in hers.
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme: "light" });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const acmeWords = ["Acme", "E2E Bank", "E2E Consulting", "Opening capital", "Accounts receivable", "Owner's equity"];
  const noAcmeOnPage = async (): Promise<void> => {
    const text = await page.locator("body").innerText();
    for (const word of acmeWords) check(!text.includes(word), `bob's page shows ${JSON.stringify(word)}`);
  };

  await step(page, "bob-signed-in", async () => {
    await openSignIn(page, stack);
    await fillProviderLogin(page, "bob@globex.test", stack.bobPassword);
    await submitProviderLogin(page, stack);
    await page.getByRole("button", { name: /Organization: Globex/ }).waitFor();
    await page.locator("[data-state=empty], table").first().waitFor();
    await noAcmeOnPage();
  });

  await step(page, "bob-switcher-lists-only-globex", async () => {
    // By keyboard: the skip link comes first, then the switcher opens with Enter.
    await page.reload();
    await page.getByRole("button", { name: /Organization: Globex/ }).waitFor();
    await page.keyboard.press("Tab");
    check((await page.evaluate(() => document.activeElement?.textContent ?? "")) === "Skip to content", "Tab reaches the skip link first");
    await page.keyboard.press("Enter");
    check((await page.evaluate(() => document.activeElement?.id)) === "main", "the skip link moves focus to the content");
    await page.getByRole("button", { name: /Organization: Globex/ }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("menuitemradio").first().waitFor();
    const names = await page.getByRole("menuitemradio").allInnerTexts();
    check(names.length === 1 && names[0]?.includes("Globex") === true, `bob's organizations: ${names.join(", ")}`);
  });

  await step(page, "bob-cannot-open-acme", async () => {
    await page.keyboard.press("Escape");
    await page.goto(`${stack.baseUrl}/orgs/${acmeId}/ledger`);
    await page.getByText("You are not a member of this organization").waitFor();
    await noAcmeOnPage();
    // And the server itself refuses, whatever a page would ask.
    const answer = await page.request.post(`${stack.baseUrl}/api/rpc`, {
      headers: { "Content-Type": "application/json", "X-Sent-Csrf": "1", "Sent-Organization": acmeId },
      data: { jsonrpc: "2.0", method: "ledger.listAccounts", params: {}, id: 1 },
    });
    const body = (await answer.json()) as { result?: unknown; error?: { data?: { kind?: string } } };
    check(body.result === undefined, "the server gives bob no Acme accounts");
    check(["forbidden", "notFound"].includes(body.error?.data?.kind ?? ""), `the server's refusal: ${JSON.stringify(body.error)}`);
  });

  await step(page, "bob-refused-by-a-revoked-invitation", async () => {
    await page.goto(revokedInvitation);
    await page.getByText("Join an organization?").waitFor();
    await page.waitForURL((url) => url.pathname === "/invitations/accept" && url.hash === "");
    await page.getByRole("button", { name: "Join the organization" }).click();
    const alert = page.locator("[data-error-kind=conflict]");
    await alert.waitFor();
    const text = await alert.innerText();
    check(text.includes("This invitation can no longer be used") && text.includes("revoked"), `the refusal: ${text}`);
    await noAcmeOnPage();
    const answer = await page.request.post(`${stack.baseUrl}/api/rpc`, {
      headers: { "Content-Type": "application/json", "X-Sent-Csrf": "1" },
      data: { jsonrpc: "2.0", method: "identity.me", id: 1 },
    });
    const me = (await answer.json()) as { result?: { memberships?: { organizationId: string }[] } };
    const memberships = me.result?.memberships ?? [];
    check(memberships.length === 1 && memberships.every((m) => m.organizationId !== acmeId), `bob's memberships: ${JSON.stringify(memberships)}`);
  });

  await context.close();
}

async function main(): Promise<void> {
  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });
  writeFileSync(serverLog, "");
  const executablePath = chromiumPath();
  console.log(`e2e: chromium ${executablePath}, server ${serverBinary}, screenshots in ${screenshots}`);
  const stack = await startStack({
    repoRoot,
    serverBinary,
    dataParent,
    readyTimeoutMs: 240_000,
    log: (line) => appendFileSync(serverLog, `${line}\n`),
  });
  console.log(`e2e: stack ready at ${stack.baseUrl}`);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    const alice = await aliceScenario(browser, stack);
    await bobScenario(browser, stack, alice);
  } finally {
    await browser?.close().catch(() => undefined);
    await stack.stop();
  }
}

main()
  .catch((error: unknown) => {
    if (!(error instanceof Failure)) console.error(error);
    failed = Math.max(failed, 1);
    process.exitCode = 1;
  })
  .finally(() => {
    console.log(`screenshots: ${screenshots}`);
    // The summary is the last line, as `make test` promises.
    console.log(`${passed} passed, ${failed} failed`);
  });
