import { Refusal } from './refusal';
/** Stable codes for every refusal; the HTTP edges map them to 403 problem+json. */
export type RefusalCode =
  | 'PLAN_EXCLUDES_ASSIGNMENT'
  | 'USER_NOT_ACTIVE'
  | 'NO_ACCESS_TO_INTEGRATION'
  | 'INVITATIONS_DISABLED_FOR_MEMBERS'
  | 'MEMBERS_INVITE_ONLY_MEMBERS'
  | 'INVITEE_ACCESS_EXCEEDS_INVITER'
  | 'OWNER_IS_NOT_INVITED'
  | 'ADMINISTRATORS_ONLY'
  | 'OTHER_ACCOUNT'
  | 'TOKEN_READ_ONLY'
  | 'PEOPLE_ONLY';

/** A permission rule said no. The message says which rule, in words a person can act on. */
export class PermissionRefused extends Refusal {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}

/** Every refusal is a 403: the caller is known but may not do this. */
export const FORBIDDEN_BY_CODE: Record<RefusalCode, 403> = {
  PLAN_EXCLUDES_ASSIGNMENT: 403,
  USER_NOT_ACTIVE: 403,
  NO_ACCESS_TO_INTEGRATION: 403,
  INVITATIONS_DISABLED_FOR_MEMBERS: 403,
  MEMBERS_INVITE_ONLY_MEMBERS: 403,
  INVITEE_ACCESS_EXCEEDS_INVITER: 403,
  OWNER_IS_NOT_INVITED: 403,
  ADMINISTRATORS_ONLY: 403,
  OTHER_ACCOUNT: 403,
  TOKEN_READ_ONLY: 403,
  PEOPLE_ONLY: 403,
};
