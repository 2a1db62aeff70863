import type { OptionalPermission } from '../core/settings'
import { browser } from './browser'

/** The permissions the reader grants when turning on a setting that needs one, and gives back when turning it off. */
export interface PermissionGrants {
  /** Asks the reader (the browser's prompt); resolves with whether it was granted. Call it while handling the reader's click. */
  request(permission: OptionalPermission): Promise<boolean>
  remove(permission: OptionalPermission): Promise<void>
}

export const browserPermissions: PermissionGrants = {
  request: (permission) => browser.permissions.request({ permissions: [permission] }),
  remove: async (permission) => {
    await browser.permissions.remove({ permissions: [permission] })
  },
}
