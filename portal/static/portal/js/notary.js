// Notary look-up: holders and shares, encumbrances and deal blockers of a property, now or as of a
// date. The API records every look-up with its purpose and tells the holders.

import {ApiError, getJson, withQuery} from '../../citymap/js/api.js';
import {dateTime, day, el, fill, shareText, sourceLinks} from './dom.js';

const config = JSON.parse(document.getElementById('portal-config').textContent);
const text = config.text;
const language = config.language;

const form = document.getElementById('lookup-form');
const error = document.getElementById('lookup-error');
const result = document.getElementById('lookup-result');

function showError(message) {
    error.textContent = message;
    error.hidden = !message;
}

function propertySection(property) {
    return el('article', {class: 'lookup-property', dataset: {number: property.cadastral_number}},
        el('h3', {class: 'detail-number'}, property.cadastral_number),
        el('h4', {class: 'section-title'}, text.holders),
        property.rights.length
            ? property.rights.map((right) => el('div', {class: 'fact'},
                el('div', {class: 'fact-title'}, `${right.type_label} № ${right.registration_number} · ${shareText(right.share)}`),
                el('ul', {class: 'plain-list holders'}, right.holders.map((holder) => el('li', {},
                    el('strong', {class: 'holder-name'}, holder.name), ' · ',
                    el('span', {class: 'holder-share'}, shareText(holder.share)),
                    holder.national_id ? el('span', {class: 'fact-meta'}, ` · ${text.nationalId} ${holder.national_id}`) : null,
                ))),
                sourceLinks(right.sources, text.documents),
            ))
            : el('p', {class: 'muted'}, text.noHolders),
        el('h4', {class: 'section-title'}, text.encumbrances),
        property.encumbrances.length
            ? property.encumbrances.map((item) => el('div', {class: 'fact'},
                el('div', {class: 'fact-title'}, `${item.type_label} № ${item.registration_number}`),
                el('div', {class: 'fact-meta'}, day(language, item.registered_on),
                    item.beneficiary ? ` · ${item.beneficiary}` : ''),
                sourceLinks(item.sources, text.documents),
            ))
            : el('p', {class: 'muted'}, text.noEncumbrances),
    );
}

function render(body) {
    fill(result, 
        el('p', {class: 'card-kind'}, `${text.asOf} ${dateTime(language, body.moment)}`),
        el('h2', {class: 'detail-number', id: 'lookup-number-result'}, body.cadastral_number),
        el('p', {class: 'card-address'}, body.parcel.address),
        el('h3', {class: 'section-title'}, text.blockers),
        body.blockers.length
            ? body.blockers.map((blocker) => el('div', {class: 'fact blocker', dataset: {type: blocker.type}}, blocker.reason))
            : el('div', {class: 'fact all-clear'}, text.noBlockers),
        el('p', {class: 'fact-meta pending'}, `${text.pending}: ${body.pending_changes.note}`),
        body.properties.map(propertySection),
    );
    result.hidden = false;
}

form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError('');
    const data = new FormData(form);
    const params = {
        cadastral_number: data.get('cadastral_number').trim(),
        purpose: data.get('purpose').trim(),
    };
    if (data.get('as_of')) {
        params.as_of = data.get('as_of');
    }
    result.hidden = false;
    fill(result, el('p', {class: 'muted'}, text.searching));
    try {
        render(await getJson(withQuery(config.urls.lookup, params)));
    } catch (failure) {
        result.hidden = true;
        showError(failure instanceof ApiError && failure.message ? failure.message : text.failed);
    }
});
