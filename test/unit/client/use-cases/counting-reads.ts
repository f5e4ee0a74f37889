import { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';

/** Records the id of every store object a device downloads (`wrapGateway` for its gateways). */
export const countingReads = () => {
  const reads: string[] = [];
  const wrapGateway = (gateway: HomeServerGateway): HomeServerGateway =>
    Object.assign(Object.create(gateway) as HomeServerGateway, {
      getObject: (session: string, id: string) => {
        reads.push(id);
        return gateway.getObject(session, id);
      },
    });
  return { reads, wrapGateway };
};
