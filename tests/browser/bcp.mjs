// Banana Cake Pop driven as a person does: a new document, the bearer token in its "HTTP Headers" tab, the schema
// reloaded, an operation typed and run. Shared by graphql-ide.mjs and graphql-ide-subscription.mjs.
export async function runInIde(page, base, token, operation) {
  await page.goto(`${base}/graphql`);
  await page.getByText('Create Document').click();
  await page.getByText('HTTP Headers', { exact: true }).click();
  await page.getByPlaceholder('Name').first().fill('Authorization');
  await page.getByPlaceholder('Value').first().fill(`Bearer ${token}`);
  await page.waitForTimeout(1000);
  await page.getByRole('button', { name: /Reload Schema/ }).click();

  const request = page.locator('.monaco-editor').first();
  await request.click();
  await request.locator('textarea').focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(operation);
  // The editor hands its text to the document state after a short debounce.
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: /Run Operation/ }).click();
}
