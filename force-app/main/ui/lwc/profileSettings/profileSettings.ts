import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import listProfiles from '@salesforce/apex/ProfileSettingsController.listProfiles';
import getProfileSettings from '@salesforce/apex/ProfileSettingsController.getProfileSettings';
import clearProfileSettings from '@salesforce/apex/ProfileSettingsController.clearProfileSettings';
import saveProfileSettings from '@salesforce/apex/ProfileSettingsController.saveProfileSettings';
import {
  format,
  messageOf,
  showToast,
  type ProfileOption,
  type ProfileSaveRequest,
  type ProfileSettings,
  type SaveResult,
  type ServerError,
  type SettingsPage,
} from 'c/settingsModel';
import INTRO from '@salesforce/label/c.SiSync_Profile_Intro';
import PICKER from '@salesforce/label/c.SiSync_Profile_Picker';
import PICKER_PLACEHOLDER from '@salesforce/label/c.SiSync_Profile_PickerPlaceholder';
import HAS_OVERRIDES from '@salesforce/label/c.SiSync_Profile_HasOverrides';
import EMAIL_HEADING from '@salesforce/label/c.SiSync_Profile_EmailHeading';
import TASK_HEADING from '@salesforce/label/c.SiSync_Profile_TaskHeading';
import CLEAR from '@salesforce/label/c.SiSync_Profile_Clear';
import CLEAR_CONFIRM from '@salesforce/label/c.SiSync_Profile_ClearConfirm';
import CLEAR_YES from '@salesforce/label/c.SiSync_Profile_ClearYes';
import CLEAR_NO from '@salesforce/label/c.SiSync_Profile_ClearNo';
import CLEARED_TITLE from '@salesforce/label/c.SiSync_Profile_ClearedTitle';
import CLEARED_MESSAGE from '@salesforce/label/c.SiSync_Profile_ClearedMessage';
import CLEAR_ERROR from '@salesforce/label/c.SiSync_Profile_ClearError';
import LOAD_ERROR from '@salesforce/label/c.SiSync_Profile_LoadError';
import LOADING from '@salesforce/label/c.SiSync_Profile_Loading';
import NO_PROFILES from '@salesforce/label/c.SiSync_Profile_NoProfiles';
import FAILED from '@salesforce/label/c.SiSync_Profile_Failed';

/** What the profile list's wire hands over. */
interface WiredProfiles {
  data?: ProfileOption[];
  error?: ServerError;
}

/** A `lightning-combobox` change. */
type ComboboxChange = CustomEvent<{ value?: string }>;

/**
 * "Profile overrides" (admins): pick a profile, give it its own email-logging values and its own
 * list of what its reps may change (`c-email-api-settings` in scope `profile`, saved all or
 * nothing by `ProfileSettingsController.saveProfileSettings`), or remove them all so its users
 * follow the org defaults again. Values left as they are keep following the org defaults.
 *
 * Task sync has no profile value: a default that turns sync on would have to start each rep's
 * first sync, which only a rep's own switch does (`TaskSyncDefaults`), so the section shows the
 * server's refusal (`page.defaultModeRefusal`) instead of offering it.
 */
export default class ProfileSettingsPanel extends LightningElement {
  /** The loaded settings page (the settings' definitions and the org values the profile inherits). */
  @api page: SettingsPage | undefined;

  readonly labels = {
    intro: INTRO,
    picker: PICKER,
    pickerPlaceholder: PICKER_PLACEHOLDER,
    emailHeading: EMAIL_HEADING,
    taskHeading: TASK_HEADING,
    clear: CLEAR,
    clearYes: CLEAR_YES,
    clearNo: CLEAR_NO,
    loading: LOADING,
    noProfiles: NO_PROFILES,
  };

  profiles: ProfileOption[] | undefined;
  selectedId: string | null = null;
  profile: ProfileSettings | undefined;
  loadingProfile = false;
  errorMessage: string | null = null;
  confirmingClear = false;
  clearing = false;

  /** How the email form saves the profile's values (it does not import the admin-only controller). */
  readonly saveProfile = (request: ProfileSaveRequest): Promise<SaveResult> => saveProfileSettings({ ...request }) as Promise<SaveResult>;

  private wiredProfiles: unknown;
  /** Bumped on every profile choice, so the answer for a profile chosen earlier is dropped. */
  private request = 0;

  @wire(listProfiles)
  receiveProfiles(result: WiredProfiles): void {
    this.wiredProfiles = result;
    if (result.data) {
      this.profiles = result.data;
    } else if (result.error) {
      this.errorMessage = messageOf(result.error, LOAD_ERROR);
    }
  }

  get options(): { label: string; value: string }[] {
    return (this.profiles ?? []).map((option) => ({
      label: option.hasOverrides ? format(HAS_OVERRIDES, option.name) : option.name,
      value: option.id,
    }));
  }

  get hasNoProfiles(): boolean {
    return this.profiles !== undefined && this.profiles.length === 0;
  }

  get showProfile(): boolean {
    return this.profile !== undefined && !this.loadingProfile;
  }

  /** A profile with values or a list of its own (what Remove would take away). */
  get hasOwnValues(): boolean {
    const profile = this.profile;
    return profile !== undefined && (Object.keys(profile.values ?? {}).length > 0 || (profile.repOverridable ?? null) !== null);
  }

  get clearConfirmText(): string {
    return format(CLEAR_CONFIRM, this.profile?.profileName ?? '');
  }

  get taskSyncRefusal(): string | null {
    return this.page?.defaultModeRefusal ?? null;
  }

  async handleProfileChange(event: ComboboxChange): Promise<void> {
    this.selectedId = event.detail.value ?? null;
    this.confirmingClear = false;
    await this.loadProfile();
  }

  /** The profile's values were saved: read them again, and the list (its "own values" marks). */
  async handleSaved(): Promise<void> {
    await this.reload();
  }

  handleClear(): void {
    this.confirmingClear = true;
  }

  handleClearCancel(): void {
    this.confirmingClear = false;
  }

  async handleClearConfirm(): Promise<void> {
    const profile = this.profile;
    if (!profile || this.clearing) return;
    this.clearing = true;
    try {
      const result = (await clearProfileSettings({ profileId: profile.profileId })) as SaveResult;
      if (!result.saved) {
        showToast(this, FAILED, Object.values(result.problems ?? {}).join(' ') || CLEAR_ERROR, 'error');
        return;
      }
      showToast(this, CLEARED_TITLE, format(CLEARED_MESSAGE, profile.profileName), 'success');
      this.confirmingClear = false;
      await this.reload();
    } catch (error) {
      showToast(this, FAILED, messageOf(error as ServerError, CLEAR_ERROR), 'error');
    } finally {
      this.clearing = false;
    }
  }

  private async reload(): Promise<void> {
    await this.loadProfile();
    try {
      await refreshApex(this.wiredProfiles);
    } catch (error) {
      this.errorMessage = messageOf(error as ServerError, LOAD_ERROR);
    }
  }

  private async loadProfile(): Promise<void> {
    const profileId = this.selectedId;
    const request = ++this.request;
    if (!profileId) {
      this.profile = undefined;
      return;
    }
    this.loadingProfile = true;
    this.errorMessage = null;
    try {
      const loaded = (await getProfileSettings({ profileId })) as ProfileSettings;
      if (request === this.request) this.profile = loaded;
    } catch (error) {
      if (request === this.request) {
        this.profile = undefined;
        this.errorMessage = messageOf(error as ServerError, LOAD_ERROR);
      }
    } finally {
      if (request === this.request) this.loadingProfile = false;
    }
  }
}
