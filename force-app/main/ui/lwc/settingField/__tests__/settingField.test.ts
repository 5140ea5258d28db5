import SettingField from 'c/settingField';
import { byId, flush, fire, label, labelWith, mount, shadow, spyValidity, unmountAll, type BaseInput } from 'test/lwcSupport';

type FieldElement = HTMLElement & Record<string, unknown>;

function mountField(props: Record<string, unknown>): FieldElement {
  return mount<FieldElement>('c-setting-field', SettingField, { settingKey: 'logToLeads', label: 'Leads', ...props });
}

function input(element: Element): BaseInput {
  return shadow(element).querySelector<BaseInput>('[data-input]')!;
}

function repsToggle(element: Element): BaseInput | null {
  return shadow(element).querySelector<BaseInput>('[data-reps]');
}

describe('c-setting-field', () => {
  afterEach(unmountAll);

  it('draws a checkbox with its value and fires the new value as true or false', async () => {
    const element = mountField({ kind: 'checkbox', value: 'true' });
    const changes = jest.fn();
    element.addEventListener('valuechange', (event) => changes((event as CustomEvent).detail));
    await flush();

    expect(input(element).checked).toBe(true);
    fire(input(element), { checked: false });
    expect(changes).toHaveBeenCalledWith({ key: 'logToLeads', value: 'false' });
    await expect(element).toBeAccessible();
  });

  it('draws a switch with On and Off, and disables it when the setting is unavailable', async () => {
    const element = mountField({ kind: 'toggle', settingKey: 'apiLoggingEnabled', label: 'Log e-mail', value: 'false', unavailable: true });
    await flush();

    expect((input(element) as unknown as { type: string }).type).toBe('toggle');
    expect(input(element).disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('draws radio buttons and picklists with their options and fires the value chosen', async () => {
    const options = [
      { label: 'Log to every matching record', value: 'all' },
      { label: 'Log to the oldest', value: 'oldest' },
    ];
    const radio = mountField({ kind: 'radio', settingKey: 'multipleMatchRule', label: 'When several match', value: 'all', options });
    const picklist = mountField({ kind: 'combobox', settingKey: 'taskTypeEmail', label: 'Task Type for e-mails', value: 'Email', options });
    const changes = jest.fn();
    radio.addEventListener('valuechange', (event) => changes((event as CustomEvent).detail));
    await flush();

    expect(shadow(radio).querySelector('lightning-radio-group')).not.toBeNull();
    expect(input(picklist).options).toEqual(options);
    fire(input(radio), { value: 'oldest' });
    expect(changes).toHaveBeenCalledWith({ key: 'multipleMatchRule', value: 'oldest' });
    await expect(radio).toBeAccessible();
    await expect(picklist).toBeAccessible();
  });

  it('previews the subject template with a sample e-mail and adds a chosen token at its end', async () => {
    const element = mountField({
      kind: 'template',
      settingKey: 'subjectTemplate',
      label: 'Subject',
      value: '{{activity_type}}: {{activity_subject}}',
      tokens: [{ label: '{{call_outcome}}', value: 'call_outcome' }],
    });
    const changes = jest.fn();
    element.addEventListener('valuechange', (event) => changes((event as CustomEvent).detail));
    await flush();

    expect(byId(element, 'preview')?.textContent).toBe(`Email: ${label('SiSync_Log_SampleSubject')}`);
    fire(byId(element, 'token-menu')!, { value: 'call_outcome' }, 'select');
    expect(changes).toHaveBeenCalledWith({ key: 'subjectTemplate', value: '{{activity_type}}: {{activity_subject}}{{call_outcome}}' });
    await expect(element).toBeAccessible();
  });

  it('keeps the preview in place while the template has unknown tokens, saying why it is empty', async () => {
    const element = mountField({ kind: 'template', settingKey: 'subjectTemplate', label: 'Subject', value: '{{campaign}}', error: 'bad' });
    await flush();

    expect(byId(element, 'preview')?.textContent).toBe(label('SiSync_Log_PreviewInvalid'));
  });

  it('says a blank template follows the inherited one', async () => {
    const element = mountField({ kind: 'template', settingKey: 'subjectTemplate', label: 'Subject', value: '' });
    await flush();

    expect(byId(element, 'preview')?.textContent).toBe(label('SiSync_Log_PreviewBlank'));
  });

  it('marks the field invalid through the validity API, and clears it when the error goes', async () => {
    const element = mountField({ kind: 'combobox', settingKey: 'taskTypeReply', label: 'Replies', value: 'Reply', options: [] });
    await flush();
    const messages = spyValidity([input(element)]);

    element.error = '“Reply” is not in your org’s Task Type picklist.';
    await flush();
    expect(messages.get(input(element))).toEqual(['“Reply” is not in your org’s Task Type picklist.']);

    element.error = null;
    await flush();
    expect(messages.get(input(element))).toEqual(['“Reply” is not in your org’s Task Type picklist.', '']);
    await expect(element).toBeAccessible();
  });

  it('shows a locked setting read-only with a lock icon and no token menu', async () => {
    const element = mountField({
      kind: 'template',
      settingKey: 'subjectTemplate',
      label: 'Subject',
      value: '{{activity_subject}}',
      locked: true,
    });
    await flush();

    expect(input(element).readOnly).toBe(true);
    expect(byId(element, 'token-menu')).toBeNull();
    const lock = shadow(element).querySelector<HTMLElement & { alternativeText: string }>('[data-lock]');
    expect(lock?.alternativeText).toBe(label('SiSync_Field_LockedIcon'));
    await expect(element).toBeAccessible();
  });

  it('disables a locked checkbox rather than offering it', async () => {
    const element = mountField({ kind: 'checkbox', value: 'false', locked: true });
    await flush();

    expect(input(element).disabled).toBe(true);
    expect(repsToggle(element)).toBeNull();
  });

  it('gives admins a "reps may change" toggle of its own words and fires its change', async () => {
    const element = mountField({ kind: 'checkbox', value: 'true', showRepsControl: true, repsMayChange: false });
    const changes = jest.fn();
    element.addEventListener('repschange', (event) => changes((event as CustomEvent).detail));
    await flush();

    const toggle = repsToggle(element)!;
    expect(toggle.label).toBe(labelWith('SiSync_Field_RepsMayChangeLabel', 'Leads'));
    expect((toggle as unknown as { type: string }).type).toBe('toggle');
    expect((toggle as unknown as Record<string, string>).messageToggleActive).toBe(label('SiSync_Field_RepsMayChange'));
    expect((toggle as unknown as Record<string, string>).messageToggleInactive).toBe(label('SiSync_Field_RepsLocked'));
    expect(shadow(element).querySelector('[data-lock]')).toBeNull();
    fire(toggle, { checked: true });
    expect(changes).toHaveBeenCalledWith({ key: 'logToLeads', repsMayChange: true });
    await expect(element).toBeAccessible();
  });
});
