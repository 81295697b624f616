/** Socket.IO room names; every name starts with the tenant so nothing is ever sent across tenants. */
export const rooms = {
  tenant: (t: string) => `t:${t}`,
  room: (t: string, room: string) => `t:${t}:r:${room}`,
  user: (t: string, userId: string) => `t:${t}:u:${userId}`,
  feed: (t: string) => `t:${t}:feed`,
  feedRoom: (t: string, room: string) => `t:${t}:feed:r:${room}`,
};
