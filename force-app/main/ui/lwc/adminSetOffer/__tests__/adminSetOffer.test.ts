import AdminSetOffer from 'c/adminSetOffer';
import assignAdminSetToMe from '@salesforce/apex/SetupAssistantController.assignAdminSetToMe';
import type { SettingsPage } from 'c/settingsModel';
import { byId, click, flush, label, listen, mount, textOf, unmountAll } from 'test/lwcSupport';
import doneData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.json';
import offerData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.canAssignAdminSet.json';
import repData from '../../syncSettingsPage/__tests__/data/SettingsPageController.load.repWithLocks.json';
import assigned from '../../setupAssistant/__tests__/data/SetupAssistantController.assignAdminSetToMe.json';

jest.mock('@salesforce/apex/SetupAssistantController.assignAdminSetToMe', () => ({ default: jest.fn() }), { virtual: true });

const assignMock = assignAdminSetToMe as unknown as jest.Mock;
const done = doneData as unknown as SettingsPage;
const offer = offerData as unknown as SettingsPage;
const rep = repData as unknown as SettingsPage;

type Button = HTMLElement & { label: string; disabled: boolean };

async function mountOffer(page: SettingsPage | undefined): Promise<HTMLElement> {
  const element = mount('c-admin-set-offer', AdminSetOffer, { page });
  await flush();
  return element;
}

describe('c-admin-set-offer', () => {
  afterEach(() => {
    unmountAll();
    jest.clearAllMocks();
  });

  describe('the offer to assign the Admin set', () => {
    it('is shown to a user who may assign permission sets, and assigns then reloads the page', async () => {
      assignMock.mockResolvedValue(assigned);
      const element = await mountOffer(offer);
      const fired = listen(element);

      expect(textOf(element, 'offer-text')).toBe(label('SiSync_Setup_OfferText'));
      expect(byId<Button>(element, 'assign')?.label).toBe(label('SiSync_Setup_OfferButton'));
      await expect(element).toBeAccessible();
      click(element, 'assign');
      await flush();

      expect(assignMock).toHaveBeenCalledTimes(1);
      expect(fired.saved).toHaveBeenCalledTimes(1);
      expect(fired.toasts.map((toast) => toast.variant)).toEqual(['success']);
      expect(byId(element, 'offer-error')).toBeNull();
    });

    it('a refusal is said beside the button and nothing reloads', async () => {
      assignMock.mockRejectedValue({ body: { message: 'Assigning a permission set needs the Assign Permission Sets permission.' } });
      const element = await mountOffer(offer);
      const fired = listen(element);

      click(element, 'assign');
      await flush();

      expect(textOf(element, 'offer-error')).toBe('Assigning a permission set needs the Assign Permission Sets permission.');
      expect(fired.saved).not.toHaveBeenCalled();
      expect(byId<Button>(element, 'assign')?.disabled).toBe(false);
      await expect(element).toBeAccessible();
    });

    it('is not shown to admins, nor to reps who may not assign permission sets', async () => {
      expect(byId(await mountOffer(done), 'offer')).toBeNull();
      expect(byId(await mountOffer(rep), 'offer')).toBeNull();
    });
  });
});
