import qrcode from 'qrcode-generator';

interface Props {
  /** The 60 digits (spaces allowed); encoded as digits only, so both sides' codes are identical. */
  readonly safetyNumber: string;
}

/**
 * The safety number as a QR code, drawn as SVG elements (no markup string), so a phone camera or a
 * screenshot can compare it with the friend's screen.
 */
export function SafetyNumberQr({ safetyNumber }: Props) {
  const qr = qrcode(0, 'M');
  qr.addData(safetyNumber.replace(/\D/g, ''), 'Numeric');
  qr.make();
  const size = qr.getModuleCount();
  const margin = 4;
  let path = '';
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) if (qr.isDark(row, column)) path += `M${column + margin} ${row + margin}h1v1h-1z`;
  }
  const extent = size + 2 * margin;
  return (
    <svg class="safety__qr" viewBox={`0 0 ${extent} ${extent}`} role="img" aria-label="Safety number as a QR code" data-digits={safetyNumber.replace(/\D/g, '')}>
      <rect width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
