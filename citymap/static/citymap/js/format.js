// Numbers, areas and dates in the page's language.

export function makeFormat(language, text) {
    const locale = {uz: 'uz-Latn-UZ', ru: 'ru-RU', en: 'en-GB'}[language] || language;
    const area = new Intl.NumberFormat(locale, {minimumFractionDigits: 2, maximumFractionDigits: 2});
    const whole = new Intl.NumberFormat(locale, {maximumFractionDigits: 0});
    const percent = new Intl.NumberFormat(locale, {
        style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero',
    });
    const tolerance = new Intl.NumberFormat(locale, {style: 'percent', maximumFractionDigits: 1});
    const date = new Intl.DateTimeFormat(locale, {dateStyle: 'long'});
    return {
        area(value) {
            return value === null || value === undefined
                ? text.notRecorded : `${area.format(value)} ${text.squareMetres}`;
        },
        whole(value) {
            return value === null || value === undefined ? text.notRecorded : whole.format(value);
        },
        percent: (value) => percent.format(value),
        tolerance: (value) => tolerance.format(value),
        date(value) {
            return value ? date.format(new Date(value)) : text.notRecorded;
        },
    };
}
