// Building page elements from API data. Text always goes in as text, never as markup.

export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (name === 'class') {
            node.className = value;
        } else if (name === 'dataset') {
            Object.assign(node.dataset, value);
        } else {
            node.setAttribute(name, value === true ? '' : value);
        }
    }
    for (const child of children.flat(Infinity)) {
        if (child !== null && child !== undefined && child !== false) {
            node.append(child instanceof Node ? child : String(child));
        }
    }
    return node;
}

/** Replace the children of `node` with `parts`: nodes, text, nested arrays; nulls are skipped. */
export function fill(node, ...parts) {
    node.replaceChildren(...parts.flat(Infinity).filter((part) => part !== null && part !== undefined && part !== false));
}

export function dateTime(language, value) {
    if (!value) {
        return '';
    }
    const locale = {uz: 'uz-Latn-UZ', ru: 'ru-RU', en: 'en-GB'}[language] || language;
    return new Intl.DateTimeFormat(locale, {dateStyle: 'medium', timeStyle: 'short'})
        .format(new Date(value));
}

export function day(language, value) {
    if (!value) {
        return '';
    }
    const locale = {uz: 'uz-Latn-UZ', ru: 'ru-RU', en: 'en-GB'}[language] || language;
    return new Intl.DateTimeFormat(locale, {dateStyle: 'medium'}).format(new Date(value));
}

/** "1/3 (33.33 %)" from the API's {fraction, percent}. */
export function shareText(share) {
    return share ? `${share.fraction} (${share.percent} %)` : '';
}

export function sourceLinks(sources, label) {
    if (!sources || sources.length === 0) {
        return null;
    }
    return el('div', {class: 'fact-docs'},
        el('span', {class: 'fact-meta'}, `${label}: `),
        sources.map((source, index) => [
            index ? ', ' : '',
            el('a', {class: 'doc-link', href: source.url, 'data-source-id': source.id},
                `${source.kind_label} № ${source.number} (${source.issued_on})`),
        ]),
    );
}
