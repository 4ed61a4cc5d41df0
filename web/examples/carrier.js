// The carrier's page listens to the guide and puts its recommendation into the enrollment form.
const guide = document.getElementById('guide');
const status = document.getElementById('status');
guide.addEventListener('costshare-recommendation', (event) => {
  const { choices, yearlyTotal, simulated, engineVersion } = event.detail;
  for (const choice of choices) {
    const field = document.getElementById(choice.category);
    if (field) field.value = `${choice.name} (${choice.tier ?? 'tier not set'})`;
  }
  const dollars = Number(yearlyTotal).toLocaleString('en-US', { style: 'currency', currency: 'USD' });
  // Choices, not plans: a choice may be going without dental or vision coverage.
  const plans = ['', 'your choice', 'your two choices', 'your three choices'][choices.length] ?? `your ${choices.length} choices`;
  status.textContent = `Recommended: about ${dollars} a year for ${plans}${simulated ? '' : ' (still simulating)'} · costshare ${engineVersion}`;
});
guide.addEventListener('costshare-error', (event) => {
  status.textContent = `The guide reports a problem at ${event.detail.path}: ${event.detail.message}`;
});
document.getElementById('enroll').addEventListener('submit', (event) => {
  event.preventDefault();
  status.textContent = 'This is an example page: nothing was sent.';
});
