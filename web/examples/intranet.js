// The intranet's own table of plans, with "your estimated yearly cost" from costshare's JS API
// (no guide on the page): compare() works out the expected year for the household chosen above.
import { compare } from '../costshare-guide.js';

const people = document.getElementById('people');
const care = document.getElementById('care');
const body = document.querySelector('#plans tbody');
const note = document.getElementById('note');
const money = (cents) => (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' });

function household() {
  const n = Number(people.value);
  const list = [{ name: 'You', relationship: 'employee', age: 40, usage: care.value }];
  if (n >= 2) list.push({ name: 'Spouse', relationship: 'spouse', age: 40, usage: care.value });
  for (let i = 2; i < n; i++) list.push({ name: `Child ${i - 1}`, relationship: 'child', age: 6 + i, usage: 'low' });
  return { people: list };
}

async function update() {
  try {
    const report = await compare(household());
    body.replaceChildren(...report.options.filter((o) => o.category === 'medical').map((o) => {
      const row = document.createElement('tr');
      row.dataset.plan = o.id;
      const cells = o.expected
        ? [o.name, money(o.expected.premium), money(o.expected.total)]
        : [o.name, '—', `Not available: ${o.excluded}`];
      cells.forEach((text, i) => {
        const cell = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) cell.scope = 'row';
        if (i === 2) cell.className = 'cost';
        cell.textContent = text;
        row.append(cell);
      });
      return row;
    }));
    note.textContent = '';
  } catch (e) {
    note.textContent = `costshare could not work this out (${e.code} at ${e.path}): ${e.message}`;
  }
}
people.addEventListener('change', update);
care.addEventListener('change', update);
update();
